package io.govflow.monitoring;

import static io.govflow.testing.ApiCalls.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.govflow.common.Problem;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.registry.RegistryActivities;
import io.govflow.testing.InventoryFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ground-truth uploads: stored once per Idempotency-Key, refused with a problem that says what to fix. */
@QuarkusTest
class GroundTruthTest {

  @Inject
  RegistryActivities registry;

  @Inject
  LocalArtifactStore artifacts;

  String useCaseId;

  @BeforeEach
  void useCaseInProduction() {
    useCaseId = InventoryFixtures.newUseCaseId();
    InventoryFixtures.recordUseCase(registry, useCaseId);
  }

  @Test
  void labelsAreAcceptedAndARetryWritesNothingNew() throws IOException {
    String eventId = UUID.randomUUID().toString();
    String key = UUID.randomUUID().toString();

    post("ops1", key, labels(Map.of("eventId", eventId, "label", "good"),
        Map.of("eventId", eventId + "-2", "label", "bad")))
        .statusCode(202)
        .body("useCaseId", equalTo(useCaseId))
        .body("uploadId", equalTo(key))
        .body("labels", equalTo(2));
    post("po1", key, labels(Map.of("eventId", eventId, "label", "good"),
        Map.of("eventId", eventId + "-2", "label", "bad")))
        .statusCode(202)
        .body("uploadId", equalTo(key));
    post("po1", key, labels(Map.of("eventId", eventId, "label", "bad")))
        .statusCode(409)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:govflow:problem:idempotency-key-reused"));

    List<Path> stored = filesMentioning(eventId);
    assertThat(stored).hasSize(1);
    assertThat(Files.readString(stored.get(0))).contains("\"good\"", eventId + "-2");
  }

  @Test
  void auditorAndGovernanceMayNotPostGroundTruth() {
    post("audit1", "k1", labels(Map.of("eventId", "e1", "label", "good")))
        .statusCode(403)
        .contentType(Problem.MEDIA_TYPE)
        .body("detail", equalTo("audit1 has role(s) auditor; this needs one of product-owner, operator"));
    post("gov1", "k1", labels(Map.of("eventId", "e1", "label", "good"))).statusCode(403);
  }

  @Test
  void uploadWithoutCredentialsIsUnauthenticated() {
    given().contentType(ContentType.JSON).header("Idempotency-Key", "k1")
        .body(labels(Map.of("eventId", "e1", "label", "good")))
        .post("/api/v1/use-cases/" + useCaseId + "/ground-truth")
        .then().statusCode(401).contentType(Problem.MEDIA_TYPE);
  }

  @Test
  void uploadNeedsAnIdempotencyKeyThatCanNameAFile() {
    post("ops1", null, labels(Map.of("eventId", "e1", "label", "good")))
        .statusCode(422)
        .contentType(Problem.MEDIA_TYPE)
        .body("errors.field", contains("Idempotency-Key"))
        .body("detail", containsString("a UUID will do"));
    post("ops1", "../../etc/passwd", labels(Map.of("eventId", "e1", "label", "good")))
        .statusCode(422)
        .body("errors.field", contains("Idempotency-Key"));
  }

  @Test
  void uploadNeedsAtLeastOneLabel() {
    post("ops1", "k1", Map.of("labels", List.of()))
        .statusCode(422)
        .body("errors.field", contains("labels"))
        .body("errors[0].message", equalTo("must hold between 1 and 10000 labels; split a larger upload"));
    post("ops1", "k1", Map.of())
        .statusCode(422)
        .body("errors.field", contains("labels"));
  }

  @Test
  void uploadOfMoreThanTenThousandLabelsIsRefused() {
    List<Map<String, String>> many = IntStream.range(0, 10_001)
        .mapToObj(i -> Map.of("eventId", "e" + i, "label", "good")).toList();

    post("ops1", "k1", Map.of("labels", many))
        .statusCode(422)
        .body("errors.field", contains("labels"))
        .body("detail", containsString("split a larger upload"));
  }

  @Test
  void everyLabelNeedsAnEventIdAndALabel() {
    post("ops1", "k1", labels(Map.of("eventId", " ", "label", "good"), Map.of("label", "bad"),
        Map.of("eventId", "e3", "label", "")))
        .statusCode(422)
        .body("errors.field", contains("labels[0].eventId", "labels[1].eventId", "labels[2].label"))
        .body("errors[0].message", containsString("eventMetadata.eventId"));
  }

  @Test
  void eachEventIsLabelledOnce() {
    post("ops1", "k1", labels(Map.of("eventId", "e1", "label", "good"), Map.of("eventId", "e2", "label", "bad"),
        Map.of("eventId", "e1", "label", "bad")))
        .statusCode(422)
        .body("errors.field", contains("labels[2].eventId"))
        .body("errors[0].message", equalTo("repeats the eventId of labels[0]; send one label per event"));
  }

  @Test
  void unreadableBodyIsBadRequest() {
    as("ops1").header("Idempotency-Key", "k1").body("{\"labels\": [")
        .post("/api/v1/use-cases/" + useCaseId + "/ground-truth")
        .then().statusCode(400)
        .body("type", equalTo("urn:govflow:problem:unreadable-body"));
  }

  @Test
  void groundTruthOfAnUnknownUseCaseIsNotFound() {
    as("ops1").header("Idempotency-Key", "k1").body(labels(Map.of("eventId", "e1", "label", "good")))
        .post("/api/v1/use-cases/uc-zzzzzzzz/ground-truth")
        .then().statusCode(404)
        .body("type", equalTo("urn:govflow:problem:use-case-not-found"));
  }

  @SafeVarargs
  private static Map<String, Object> labels(Map<String, String>... labels) {
    return Map.of("labels", new ArrayList<>(List.of(labels)));
  }

  private ValidatableResponse post(String user, String key, Map<String, ?> body) {
    var request = as(user).body(body);
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return request.post("/api/v1/use-cases/" + useCaseId + "/ground-truth").then();
  }

  /** Every stored file naming the event, wherever the store keeps uploads. */
  private List<Path> filesMentioning(String eventId) throws IOException {
    Path root = artifacts.pathOf(artifacts.locationOf("x")).getParent();
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).filter(file -> mentions(file, eventId)).toList();
    }
  }

  private static boolean mentions(Path file, String text) {
    try {
      return Files.readString(file).contains(text);
    } catch (IOException e) {
      return false;
    }
  }
}
