package io.govflow.monitoring;

import static io.govflow.testing.ApiCalls.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.govflow.common.aws.AwsClients;
import io.govflow.registry.RegistryActivities;
import io.govflow.testing.InventoryFixtures;
import io.govflow.testing.MotoS3Resource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * With {@code govflow.provider=aws}, posted ground truth goes to S3 (moto here) under the prefix the model-quality job
 * definition gives Model Monitor, as 1 for the use case's favourable label and 0 for any other.
 */
@QuarkusTest
@WithTestResource(MotoS3Resource.class)
class GroundTruthOnAwsIT {

  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);

  @Inject
  RegistryActivities registry;

  @Inject
  AwsClients aws;

  @Test
  void labelsAreWrittenToS3AsModelMonitorComparesThemAndARetryWritesNothingNew() {
    String useCaseId = InventoryFixtures.newUseCaseId();
    InventoryFixtures.recordUseCase(registry, useCaseId);
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = Map.of("labels", List.of(Map.of("eventId", "e-1", "label", "good"),
        Map.of("eventId", "e-2", "label", "bad")));
    Instant before = Instant.now();

    as("ops1").header("Idempotency-Key", key).body(body).post("/api/v1/use-cases/" + useCaseId + "/ground-truth")
        .then().statusCode(202).body("labels", equalTo(2));
    as("po1").header("Idempotency-Key", key).body(body).post("/api/v1/use-cases/" + useCaseId + "/ground-truth")
        .then().statusCode(202);

    Instant after = Instant.now();

    String folder = "govflow/" + GroundTruthStore.folderOf(useCaseId) + "/";
    List<String> stored = aws.s3().listObjectsV2(b -> b.bucket(MotoS3Resource.BUCKET).prefix(folder)).contents()
        .stream().map(S3Object::key).toList();
    assertThat(stored).as("one labels file in the hour received, one receipt").hasSize(2)
        .contains(folder + "uploads/" + key + ".json");
    String labels = stored.stream().filter(name -> name.endsWith(".jsonl")).findFirst()
        .orElseThrow();
    assertThat(labels).isIn(folder + HOUR.format(before) + "/" + key + ".jsonl",
        folder + HOUR.format(after) + "/" + key + ".jsonl");
    assertThat(aws.s3().getObjectAsBytes(b -> b.bucket(MotoS3Resource.BUCKET).key(labels))
        .asString(StandardCharsets.UTF_8).lines()).containsExactly(
        "{\"groundTruthData\":{\"data\":\"1\",\"encoding\":\"CSV\"},\"eventMetadata\":{\"eventId\":\"e-1\"},"
            + "\"eventVersion\":\"0\"}",
        "{\"groundTruthData\":{\"data\":\"0\",\"encoding\":\"CSV\"},\"eventMetadata\":{\"eventId\":\"e-2\"},"
            + "\"eventVersion\":\"0\"}");
  }
}
