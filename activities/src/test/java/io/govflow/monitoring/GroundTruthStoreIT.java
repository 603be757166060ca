package io.govflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.govflow.common.GovflowConfig.Provider;
import io.govflow.evidence.aws.S3ArtifactStore;
import io.govflow.monitoring.aws.AwsMonitoringActivities;
import io.govflow.testing.Emulator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Ground truth on the aws provider: in S3, where the model-quality job definition points Model Monitor. */
class GroundTruthStoreIT {

  private static final String BUCKET = "govflow-artifacts";
  private static final Instant AT = Instant.parse("2026-03-01T10:20:30Z");
  private static final List<GroundTruthLabel> LABELS = List.of(new GroundTruthLabel("e-1", "good"),
      new GroundTruthLabel("e-2", "bad"), new GroundTruthLabel("e-3", "neutral"));

  @RegisterExtension
  static final Emulator aws = new Emulator();

  private final S3Client s3 = aws.s3();
  private S3ArtifactStore artifacts;
  private GroundTruthStore store;

  @BeforeEach
  void emptyBucket() {
    aws.moto().reset();
    s3.createBucket(b -> b.bucket(BUCKET));
    artifacts = new S3ArtifactStore(s3, BUCKET, "govflow/");
    store = new GroundTruthStore(artifacts, GroundTruthEncoding.of(Provider.AWS));
  }

  @Test
  void uploadLandsInModelMonitorsHourFolderAsOneForTheFavourableLabelAndZeroOtherwise() {
    GroundTruthStore.Upload upload = store.write("uc-7", "good", "key-1", LABELS, AT);

    String monitored = artifacts.locationOf(AwsMonitoringActivities.groundTruthKey("uc-7"));
    assertThat(monitored).isEqualTo("s3://govflow-artifacts/govflow/ground-truth/uc-7");
    assertThat(upload.location()).isEqualTo(monitored + "/2026/03/01/10/key-1.jsonl");
    String lines = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("govflow/ground-truth/uc-7/2026/03/01/10/key-1.jsonl"))
        .asString(StandardCharsets.UTF_8);
    assertThat(lines.lines()).containsExactly(
        "{\"groundTruthData\":{\"data\":\"1\",\"encoding\":\"CSV\"},\"eventMetadata\":{\"eventId\":\"e-1\"},"
            + "\"eventVersion\":\"0\"}",
        "{\"groundTruthData\":{\"data\":\"0\",\"encoding\":\"CSV\"},\"eventMetadata\":{\"eventId\":\"e-2\"},"
            + "\"eventVersion\":\"0\"}",
        "{\"groundTruthData\":{\"data\":\"0\",\"encoding\":\"CSV\"},\"eventMetadata\":{\"eventId\":\"e-3\"},"
            + "\"eventVersion\":\"0\"}");
  }

  @Test
  void retryWithTheSameKeyWritesNothingNewEvenHoursLater() {
    GroundTruthStore.Upload first = store.write("uc-7", "good", "key-1", LABELS, AT);
    List<S3Object> before = objects();

    GroundTruthStore.Upload again = store.write("uc-7", "good", "key-1", LABELS, AT.plusSeconds(7200));

    assertThat(again).isEqualTo(first);
    assertThat(objects()).as("the same objects, neither rewritten nor added").isEqualTo(before)
        .extracting(S3Object::key).containsExactly(
        "govflow/ground-truth/uc-7/2026/03/01/10/key-1.jsonl", "govflow/ground-truth/uc-7/uploads/key-1.json");
  }

  @Test
  void theSameKeyWithOtherLabelsIsRefused() {
    store.write("uc-7", "good", "key-1", LABELS, AT);

    assertThatThrownBy(() -> store.write("uc-7", "good", "key-1", List.of(new GroundTruthLabel("e-1", "bad")), AT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already used at 2026-03-01T10:20:30Z for other labels");
    assertThat(objects()).hasSize(2);
  }

  @Test
  void labelsReceivedInAWindowAreReadBackFromS3AndALaterUploadWins() {
    store.write("uc-7", "good", "early", List.of(new GroundTruthLabel("e-0", "good")), AT.minusSeconds(1800));
    store.write("uc-7", "good", "first", LABELS, AT);
    store.write("uc-7", "good", "correction", List.of(new GroundTruthLabel("e-2", "good")), AT.plusSeconds(60));
    store.write("uc-7", "good", "next-hour", List.of(new GroundTruthLabel("e-4", "bad")), AT.plusSeconds(2400));

    assertThat(store.labelsReceivedIn("uc-7", Instant.parse("2026-03-01T10:00:00Z"),
        Instant.parse("2026-03-01T11:00:00Z")))
        .containsExactly(Map.entry("e-1", "1"), Map.entry("e-2", "1"), Map.entry("e-3", "0"));
    assertThat(store.labelsReceivedIn("uc-7", Instant.parse("2026-03-01T09:00:00Z"),
        Instant.parse("2026-03-01T12:00:00Z")))
        .containsOnlyKeys("e-0", "e-1", "e-2", "e-3", "e-4");
  }

  private List<S3Object> objects() {
    return s3.listObjectsV2(b -> b.bucket(BUCKET)).contents();
  }
}
