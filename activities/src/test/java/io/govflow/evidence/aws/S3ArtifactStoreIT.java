package io.govflow.evidence.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.govflow.common.Digests;
import io.govflow.evidence.ArtifactNotFoundException;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import io.govflow.testing.Emulator;
import io.govflow.testing.SentRequests;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

class S3ArtifactStoreIT {

  private static final String BUCKET = "govflow-artifacts";

  @RegisterExtension
  static final Emulator aws = new Emulator();

  private final S3Client s3 = aws.s3();
  private S3ArtifactStore store;

  @BeforeEach
  void emptyBucket() {
    aws.moto().reset();
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
  void keysUnderAFolderAreListedAcrossPagesWithoutItsNeighbours() {
    SentRequests sent = new SentRequests();
    try (S3Client paged = aws.moto().s3(sent, new TwoKeysAPage())) {
      S3ArtifactStore pagedStore = new S3ArtifactStore(paged, BUCKET, "govflow");
      List<String> keys = List.of("ground-truth/uc-7/2026/03/01/10/b.jsonl",
          "ground-truth/uc-7/2026/03/01/10/a.jsonl", "ground-truth/uc-7/2026/03/01/11/c.jsonl",
          "ground-truth/uc-7/uploads/a.json", "ground-truth/uc-7/uploads/b.json");
      keys.forEach(key -> pagedStore.put(key, "ground-truth", bytes("{}"), "application/json"));
      pagedStore.put("ground-truth/uc-70/2026/03/01/10/d.jsonl", "ground-truth", bytes("{}"), "application/json");
      sent.clear();

      assertThat(pagedStore.keysUnder("ground-truth/uc-7")).containsExactly(
          "ground-truth/uc-7/2026/03/01/10/a.jsonl", "ground-truth/uc-7/2026/03/01/10/b.jsonl",
          "ground-truth/uc-7/2026/03/01/11/c.jsonl", "ground-truth/uc-7/uploads/a.json",
          "ground-truth/uc-7/uploads/b.json");
      assertThat(sent.of(ListObjectsV2Request.class)).as("5 keys, 2 a page").hasSize(3)
          .allSatisfy(request -> assertThat(request.prefix()).isEqualTo("govflow/ground-truth/uc-7/"));
      assertThat(pagedStore.keysUnder("ground-truth/uc-8")).isEmpty();
    }
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

  /** ListObjectsV2 pages of two keys, so that a handful of objects needs several pages. */
  private static final class TwoKeysAPage implements ExecutionInterceptor {
    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
      return context.request() instanceof ListObjectsV2Request list ? list.toBuilder().maxKeys(2).build()
          : context.request();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
