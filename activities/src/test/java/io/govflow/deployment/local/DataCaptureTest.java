package io.govflow.deployment.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.govflow.deployment.local.CaptureRecord.Payload;
import io.govflow.evidence.LocalArtifactStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCaptureTest {

  static final Payload INPUT = new Payload("text/csv", "<0,6,radio/tv", Payload.CSV);
  static final Payload OUTPUT = new Payload("application/json",
      "{\"predictions\":[{\"predicted_label\":\"good\",\"probability\":0.8}]}", Payload.JSON);

  @TempDir Path artifacts;

  @Test
  void recordsLandInTheFileOfTheirUtcHour() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(artifacts);
    DataCapture capture = new DataCapture(store, "gf-uc-7-prod");

    capture.append(record("a", Instant.parse("2026-03-01T10:59:59.999Z")));
    capture.append(record("b", Instant.parse("2026-03-01T11:00:00Z")));

    assertThat(DataCapture.hourKey("gf-uc-7-prod", Instant.parse("2026-03-01T10:59:59.999Z")))
        .isEqualTo("data-capture/gf-uc-7-prod/2026/03/01/10/capture.jsonl");
    assertThat(lines(artifacts.resolve("data-capture/gf-uc-7-prod/2026/03/01/10/capture.jsonl")))
        .extracting(CaptureRecord::eventId).containsExactly("a");
    assertThat(lines(artifacts.resolve("data-capture/gf-uc-7-prod/2026/03/01/11/capture.jsonl")))
        .extracting(CaptureRecord::eventId).containsExactly("b");
  }

  @Test
  void concurrentAppendsNeverInterleaveWithinALine() throws Exception {
    DataCapture capture = new DataCapture(new LocalArtifactStore(artifacts), "gf-uc-7-prod");
    Instant hour = Instant.parse("2026-03-01T10:00:00Z");
    ExecutorService writers = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        done.add(writers.submit(() -> {
          for (int i = 0; i < 250; i++) {
            capture.append(record(writer + "-" + i, hour.plusMillis(i)));
          }
        }));
      }
      for (Future<?> future : done) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      writers.shutdownNow();
    }

    assertThat(lines(artifacts.resolve("data-capture/gf-uc-7-prod/2026/03/01/10/capture.jsonl")))
        .hasSize(1000).extracting(CaptureRecord::eventId).doesNotHaveDuplicates();
  }

  @Test
  void aRecordReadsBackAsItWasWritten() {
    CaptureRecord written = new CaptureRecord("5d6f2b5e-8f0e-4c8e-9b0a-0f1e2d3c4b5a", "loan-9",
        Instant.parse("2026-03-01T10:15:30.120Z"), INPUT, OUTPUT);

    assertThat(written.toJsonLine()).isEqualTo("{\"captureData\":{\"endpointInput\":{\"observedContentType\":"
        + "\"text/csv\",\"mode\":\"INPUT\",\"data\":\"<0,6,radio/tv\",\"encoding\":\"CSV\"},\"endpointOutput\":"
        + "{\"observedContentType\":\"application/json\",\"mode\":\"OUTPUT\",\"data\":\"{\\\"predictions\\\":[{"
        + "\\\"predicted_label\\\":\\\"good\\\",\\\"probability\\\":0.8}]}\",\"encoding\":\"JSON\"}},"
        + "\"eventMetadata\":{\"eventId\":\"5d6f2b5e-8f0e-4c8e-9b0a-0f1e2d3c4b5a\",\"inferenceId\":\"loan-9\","
        + "\"inferenceTime\":\"2026-03-01T10:15:30.120Z\"},\"eventVersion\":\"0\"}");
    assertThat(CaptureRecord.parse(written.toJsonLine())).isEqualTo(written);
  }

  @Test
  void base64PayloadsReadAsTheirText() {
    String encoded = Base64.getEncoder().encodeToString("6,1169".getBytes(StandardCharsets.UTF_8));

    assertThat(new Payload("text/csv", encoded, Payload.BASE64).text()).isEqualTo("6,1169");
    assertThat(INPUT.text()).isEqualTo("<0,6,radio/tv");
  }

  @Test
  void aLineThatIsNotACaptureRecordIsRefused() {
    assertThatThrownBy(() -> CaptureRecord.parse("{\"eventMetadata\":{}}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a data capture record");
    assertThatThrownBy(() -> CaptureRecord.parse("{\"captureData\":"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a JSON line");
  }

  static CaptureRecord record(String eventId, Instant at) {
    return new CaptureRecord(eventId, null, at, INPUT, OUTPUT);
  }

  static List<CaptureRecord> lines(Path file) throws IOException {
    return Files.readAllLines(file).stream().map(CaptureRecord::parse).toList();
  }
}
