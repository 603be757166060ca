package io.govflow.monitoring;

import static io.govflow.testing.ApiCalls.as;
import static io.govflow.testing.InventoryFixtures.T0;
import static io.govflow.testing.InventoryFixtures.event;
import static io.govflow.testing.InventoryFixtures.finding;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.govflow.common.Problem;
import io.govflow.policy.Severity;
import io.govflow.registry.RegistryActivities;
import io.govflow.testing.InventoryFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Findings read from the inventory, and what the API refuses before it asks the monitoring workflow to acknowledge
 * or resolve one (the workflow's own refusals are FindingActionIT's).
 */
@QuarkusTest
class FindingsTest {

  @Inject
  RegistryActivities registry;

  String useCaseId;
  MonitoringFinding oldHigh;
  MonitoringFinding newMedium;

  @BeforeEach
  void useCaseWithTwoFindings() {
    useCaseId = InventoryFixtures.newUseCaseId();
    InventoryFixtures.recordUseCase(registry, useCaseId);
    oldHigh = finding(useCaseId, "credit_amount", Severity.HIGH, T0);
    newMedium = finding(useCaseId, "age", Severity.MEDIUM, T0.plus(Duration.ofHours(1)));
    registry.recordFinding(oldHigh, event(useCaseId, "finding-raised", T0));
    registry.recordFinding(newMedium, event(useCaseId, "finding-raised", T0));
  }

  @Test
  void findingsOfAUseCaseAreListedNewestFirstAndFiltered() {
    as("audit1").get("/api/v1/findings?useCase=" + useCaseId)
        .then().statusCode(200)
        .body("findingId", contains(newMedium.findingId(), oldHigh.findingId()))
        .body("[1].severity", equalTo("HIGH"))
        .body("[1].status", equalTo("OPEN"))
        .body("[1].monitor", equalTo("DATA_QUALITY"))
        .body("[1].checkType", equalTo("baseline_drift_check"))
        .body("[1].subject", equalTo("credit_amount"))
        .body("[1].dueAt", equalTo("2026-04-04T08:00:00Z"));
    as("po1").get("/api/v1/findings?useCase=" + useCaseId + "&severity=HIGH&status=OPEN")
        .then().statusCode(200)
        .body("findingId", contains(oldHigh.findingId()));
    as("gov1").get("/api/v1/findings?useCase=" + useCaseId + "&status=RESOLVED")
        .then().statusCode(200)
        .body("", hasSize(0));
    as("ops1").get("/api/v1/findings?useCase=" + useCaseId + "&limit=1")
        .then().statusCode(200)
        .body("findingId", contains(newMedium.findingId()));
  }

  @Test
  void oneFindingIsReadById() {
    as("ops1").get("/api/v1/findings/" + oldHigh.findingId())
        .then().statusCode(200)
        .body("findingId", equalTo(oldHigh.findingId()))
        .body("useCaseId", equalTo(useCaseId))
        .body("modelVersionId", equalTo(useCaseId + "-v1"))
        .body("occurrences", equalTo(1))
        .body("raisedAt", equalTo("2026-04-01T08:00:00Z"));
  }

  @Test
  void unknownFindingIsNotFound() {
    as("ops1").get("/api/v1/findings/" + useCaseId + "-nothing")
        .then().statusCode(404)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:govflow:problem:finding-not-found"));
    as("ops1").body(Map.of("comment", "on it")).post("/api/v1/findings/" + useCaseId + "-nothing/acknowledgement")
        .then().statusCode(404)
        .body("type", equalTo("urn:govflow:problem:finding-not-found"));
  }

  @Test
  void unknownStatusOrSeverityListsTheAllowedValues() {
    as("gov1").get("/api/v1/findings?status=CLOSED")
        .then().statusCode(422)
        .contentType(Problem.MEDIA_TYPE)
        .body("errors.field", contains("status"))
        .body("allowedValues", contains("OPEN", "ACKNOWLEDGED", "RESOLVED"));
    as("gov1").get("/api/v1/findings?severity=CRITICAL")
        .then().statusCode(422)
        .body("allowedValues", contains("LOW", "MEDIUM", "HIGH"));
  }

  @Test
  void limitOutOfRangeIsInvalid() {
    as("gov1").get("/api/v1/findings?limit=0").then().statusCode(422).body("errors.field", contains("limit"));
    as("gov1").get("/api/v1/findings?limit=201").then().statusCode(422).body("errors.field", contains("limit"));
  }

  @Test
  void onlyGovernanceAndOperatorsActOnFindings() {
    as("po1").body(Map.of("comment", "fixed")).post("/api/v1/findings/" + oldHigh.findingId() + "/resolution")
        .then().statusCode(403)
        .contentType(Problem.MEDIA_TYPE)
        .body("detail", equalTo("po1 has role(s) product-owner; this needs one of governance, operator"));
    as("audit1").body(Map.of()).post("/api/v1/findings/" + oldHigh.findingId() + "/acknowledgement")
        .then().statusCode(403);
  }

  @Test
  void findingsNeedCredentials() {
    given().accept(ContentType.JSON).get("/api/v1/findings").then().statusCode(401);
    given().contentType(ContentType.JSON).body(Map.of("comment", "on it"))
        .post("/api/v1/findings/" + oldHigh.findingId() + "/acknowledgement")
        .then().statusCode(401).contentType(Problem.MEDIA_TYPE);
  }

  @Test
  void tooLongCommentOrUnreadableBodyIsRefusedBeforeTheWorkflowIsAsked() {
    as("gov1").body(Map.of("comment", "x".repeat(4001)))
        .post("/api/v1/findings/" + oldHigh.findingId() + "/resolution")
        .then().statusCode(422)
        .body("errors.field", contains("comment"));
    as("gov1").body("{\"comment\": ")
        .post("/api/v1/findings/" + oldHigh.findingId() + "/acknowledgement")
        .then().statusCode(400)
        .body("type", equalTo("urn:govflow:problem:unreadable-body"));
  }
}
