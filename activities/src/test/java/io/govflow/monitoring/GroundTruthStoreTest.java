package io.govflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.govflow.evidence.LocalArtifactStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthStoreTest {

  static final Instant AT = Instant.parse("2026-03-01T10:20:30Z");
  static final List<GroundTruthLabel> LABELS =
      List.of(new GroundTruthLabel("e-1", "good"), new GroundTruthLabel("e-2", "bad"));

  @TempDir Path artifacts;

  @Test
  void labelsAreKeptInSageMakersGroundTruthFormatInTheHourTheyArrived() throws IOException {
    GroundTruthStore store = new GroundTruthStore(new LocalArtifactStore(artifacts), GroundTruthEncoding.AS_POSTED);

    GroundTruthStore.Upload upload = store.write("uc-7", "good", "key-1", LABELS, AT);

    Path file = artifacts.resolve("ground-truth/uc-7/2026/03/01/10/key-1.jsonl");
    assertThat(upload.location()).isEqualTo(file.toUri().toString());
    assertThat(upload.labels()).isEqualTo(2);
    assertThat(upload.receivedAt()).isEqualTo(AT);
    assertThat(Files.readAllLines(file)).containsExactly(
        "{\"groundTruthData\":{\"data\":\"good\",\"encoding\":\"CSV\"},\"eventMetadata\":{\"eventId\":\"e-1\"},"
            + "\"eventVersion\":\"0\"}",
        "{\"groundTruthData\":{\"data\":\"bad\",\"encoding\":\"CSV\"},\"eventMetadata\":{\"eventId\":\"e-2\"},"
            + "\"eventVersion\":\"0\"}");
  }

  @Test
  void aRetriedUploadReturnsTheFirstEvenHoursLaterAndWritesNothing() throws IOException {
    GroundTruthStore store = new GroundTruthStore(new LocalArtifactStore(artifacts), GroundTruthEncoding.AS_POSTED);
    GroundTruthStore.Upload first = store.write("uc-7", "good", "key-1", LABELS, AT);

    GroundTruthStore.Upload again = store.write("uc-7", "good", "key-1", LABELS, AT.plusSeconds(7200));

    assertThat(again).isEqualTo(first);
    try (Stream<Path> files = Files.walk(artifacts.resolve("ground-truth/uc-7"))) {
      assertThat(files.filter(path -> path.toString().endsWith(".jsonl"))).hasSize(1);
    }
    assertThat(store.labelsReceivedIn("uc-7", AT.minusSeconds(3600), AT.plusSeconds(4 * 3600)))
        .containsExactly(Map.entry("e-1", "good"), Map.entry("e-2", "bad"));
  }

  @Test
  void theSameKeyWithOtherLabelsIsRefused() {
    GroundTruthStore store = new GroundTruthStore(new LocalArtifactStore(artifacts), GroundTruthEncoding.AS_POSTED);
    store.write("uc-7", "good", "key-1", LABELS, AT);

    assertThatThrownBy(() -> store.write("uc-7", "good", "key-1", List.of(new GroundTruthLabel("e-1", "bad")), AT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already used at 2026-03-01T10:20:30Z for other labels");
  }

  @Test
  void aWindowReadsTheLabelsReceivedInItAndALaterLabelReplacesAnEarlierOne() {
    GroundTruthStore store = new GroundTruthStore(new LocalArtifactStore(artifacts), GroundTruthEncoding.AS_POSTED);
    store.write("uc-7", "good", "early", List.of(new GroundTruthLabel("e-0", "good")), AT.minusSeconds(1800));
    store.write("uc-7", "good", "first", LABELS, AT);
    store.write("uc-7", "good", "correction", List.of(new GroundTruthLabel("e-2", "good")), AT.plusSeconds(60));
    store.write("uc-7", "good", "next-window", List.of(new GroundTruthLabel("e-3", "bad")), AT.plusSeconds(2400));

    // [10:00:00, 10:50:00): the hour folder 09 is not read, the upload at 10:00:30 + 40 min is after the window
    assertThat(store.labelsReceivedIn("uc-7", Instant.parse("2026-03-01T10:00:00Z"),
        Instant.parse("2026-03-01T10:50:00Z")))
        .containsExactly(Map.entry("e-1", "good"), Map.entry("e-2", "good"));
  }

  @Test
  void anUploadIdOfAnyCharactersIsKeptUnderItsDigest() {
    GroundTruthStore store = new GroundTruthStore(new LocalArtifactStore(artifacts), GroundTruthEncoding.AS_POSTED);

    GroundTruthStore.Upload upload = store.write("uc-7", "good", "../../etc/passwd", LABELS, AT);

    assertThat(upload.location()).contains("/ground-truth/uc-7/2026/03/01/10/sha256-");
    assertThat(upload.uploadId()).isEqualTo("../../etc/passwd");
  }

  @Test
  void labelsWithoutAnEventIdAreRefusedNamingWhatIdentifiesARequestOnEachProvider() {
    GroundTruthStore store = new GroundTruthStore(new LocalArtifactStore(artifacts), GroundTruthEncoding.AS_POSTED);

    assertThatThrownBy(() -> store.write("uc-7", "good", "key-1", List.of(new GroundTruthLabel(" ", "good")), AT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 1 needs a label and an eventId")
        .hasMessageContaining("the X-Govflow-Event-Id header of the endpoint's answer")
        .hasMessageContaining("the eventId of its data capture record (eventMetadata.eventId), or the InferenceId");
    assertThatThrownBy(() -> store.write("uc-7", "good", "key-1", List.of(), AT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no labels");
  }
}
