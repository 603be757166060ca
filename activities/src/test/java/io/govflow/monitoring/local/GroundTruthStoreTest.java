package io.govflow.monitoring.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.monitoring.GroundTruthLabel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthStoreTest {

  private static final Instant POSTED = Instant.parse("2026-04-01T09:30:00Z");

  @TempDir
  Path root;

  @Test
  void uploadIsWrittenAsModelMonitorGroundTruthLines() throws IOException {
    LocalArtifactStore artifacts = new LocalArtifactStore(root);

    EvidenceRef ref = new GroundTruthStore(artifacts).write("uc-abcd1234", "upload-1",
        List.of(new GroundTruthLabel("event-1", "good"), new GroundTruthLabel("event-2", "bad")), POSTED);

    assertThat(ref.location()).endsWith("/use-cases/uc-abcd1234/ground-truth/upload-1.jsonl");
    assertThat(Files.readAllLines(artifacts.pathOf(ref.location()))).containsExactly(
        "{\"groundTruthData\":{\"data\":\"good\",\"encoding\":\"CSV\"},\"eventMetadata\":{\"eventId\":\"event-1\"},"
            + "\"eventVersion\":\"0\",\"postedAt\":\"2026-04-01T09:30:00Z\"}",
        "{\"groundTruthData\":{\"data\":\"bad\",\"encoding\":\"CSV\"},\"eventMetadata\":{\"eventId\":\"event-2\"},"
            + "\"eventVersion\":\"0\",\"postedAt\":\"2026-04-01T09:30:00Z\"}");
  }

  @Test
  void retriedUploadWritesNothingNew() throws IOException {
    LocalArtifactStore artifacts = new LocalArtifactStore(root);
    GroundTruthStore store = new GroundTruthStore(artifacts);
    EvidenceRef first = store.write("uc-abcd1234", "upload-1", List.of(new GroundTruthLabel("event-1", "good")),
        POSTED);

    EvidenceRef retry = store.write("uc-abcd1234", "upload-1", List.of(new GroundTruthLabel("event-1", "bad")),
        POSTED.plusSeconds(3600));

    assertThat(retry).isEqualTo(first);
    assertThat(Files.readString(artifacts.pathOf(first.location()))).contains("\"good\"").doesNotContain("\"bad\"");
  }
}
