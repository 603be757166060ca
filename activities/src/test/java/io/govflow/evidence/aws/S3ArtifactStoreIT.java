package io.govflow.evidence.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.govflow.common.Digests;
import io.govflow.evidence.ArtifactNotFoundException;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import io.govflow.testing.MotoServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

class S3ArtifactStoreIT {

  private static final String BUCKET = "govflow-artifacts";

  private static MotoServer moto;
  private static S3Client s3;
  private S3ArtifactStore store;

  @BeforeAll
  static void startEmulator() {
    moto = MotoServer.start();
    s3 = moto.s3();
  }

  @AfterAll
  static void stopEmulator() {
    s3.close();
    moto.close();
  }

  @BeforeEach
  void emptyBucket() {
    moto.reset();
    s3.createBucket(b -> b.bucket(BUCKET));
    store = new S3ArtifactStore(s3, BUCKET, "govflow");
  }

  @Test
  void evidenceRoundTripsWithTheDigestOfItsBytes() {
    byte[] json = "{\"metrics\":{\"accuracy\":0.75}}".getBytes(StandardCharsets.UTF_8);

    EvidenceRef ref = store.putEvidence("uc-17", "uc-17-v1", EvidenceRef.TRAINING_METRICS, json);

    assertThat(ref.location()).isEqualTo("s3://govflow-artifacts/govflow/use-cases/uc-17/uc-17-v1/training-metrics.json");
    assertThat(ref.sha256()).isEqualTo(Digests.sha256(json));
    assertThat(ref.contentType()).isEqualTo("application/json");
    assertThat(store.get(ref.location())).isEqualTo(json);
    assertThat(Digests.sha256(store.get(ref.location()))).isEqualTo(ref.sha256());
    assertThat(s3.headObject(b -> b.bucket(BUCKET).key("govflow/use-cases/uc-17/uc-17-v1/training-metrics.json"))
        .contentType()).isEqualTo("application/json");
  }

  @Test
  void putTwiceUnderOneKeyKeepsOneObjectWithTheLastContent() {
    String key = ArtifactStore.evidenceKey("uc-17", "uc-17-v1", EvidenceRef.MODEL_CARD);
    EvidenceRef first = store.put(key, EvidenceRef.MODEL_CARD, bytes("{\"v\":1}"), "application/json");
    EvidenceRef second = store.put(key, EvidenceRef.MODEL_CARD, bytes("{\"v\":2}"), "application/json");

    assertThat(second.location()).isEqualTo(first.location()).isEqualTo(store.locationOf(key));
    assertThat(store.get(second.location())).isEqualTo(bytes("{\"v\":2}"));
    assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET)).contents()).hasSize(1);
  }

  @Test
  void existsAnswersFromHeadObjectWithoutReadingTheBody() {
    String location = store.locationOf("use-cases/uc-17/uc-17-v1/absent.json");

    assertThat(store.exists(location)).isFalse();
    store.put("use-cases/uc-17/uc-17-v1/absent.json", "absent", bytes("{}"), "application/json");
    assertThat(store.exists(location)).isTrue();
  }

  @Test
  void missingArtifactIsNotFound() {
    String location = store.locationOf("use-cases/uc-17/uc-17-v1/missing.json");

    assertThatThrownBy(() -> store.get(location))
        .isInstanceOf(ArtifactNotFoundException.class)
        .hasMessageContaining(location);
  }

  @Test
  void locationOutsideS3IsRefused() {
    assertThatThrownBy(() -> store.get("file:///tmp/x.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("s3://bucket/key");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
