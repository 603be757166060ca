package io.govflow.registry;

import static io.govflow.testing.ApiCalls.as;
import static io.govflow.testing.InventoryFixtures.T0;
import static io.govflow.testing.InventoryFixtures.decision;
import static io.govflow.testing.InventoryFixtures.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.govflow.approval.Gate;
import io.govflow.common.Problem;
import io.govflow.testing.InventoryFixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "What was in production at instant T", asked over HTTP: v1 from T0, v2 from T0 + 30 days, retired 60 days later. */
@QuarkusTest
class ProductionHistoryTest {

  private static final Instant SWAPPED = T0.plus(Duration.ofDays(30));
  private static final Instant RETIRED = SWAPPED.plus(Duration.ofDays(60));

  @Inject
  RegistryActivities registry;

  String id;

  @BeforeEach
  void twoVersionsThenRetirement() {
    id = InventoryFixtures.newUseCaseId();
    InventoryFixtures.recordUseCase(registry, id);
    String endpoint = "gf-" + id + "-prod";
    registry.recordDecision(decision(id, id + "-sign-off", Gate.GOVERNANCE_SIGN_OFF, T0.minusSeconds(3600)),
        event(id, "decision", T0));
    registry.recordDecision(decision(id, id + "-production-1", Gate.PRODUCTION_APPROVAL, T0.minusSeconds(60)),
        event(id, "decision", T0));
    registry.recordDecision(decision(id, id + "-production-2", Gate.PRODUCTION_APPROVAL, SWAPPED.minusSeconds(60)),
        event(id, "decision", SWAPPED));
    registry.recordProductionChange(new ProductionChange(id, id + "-v1", endpoint, T0,
        List.of(id + "-sign-off", id + "-production-1")), event(id, "production", T0));
    registry.recordProductionChange(new ProductionChange(id, id + "-v2", endpoint, SWAPPED,
        List.of(id + "-production-2")), event(id, "production", SWAPPED));
    registry.recordProductionChange(new ProductionChange(id, null, null, RETIRED, List.of()),
        event(id, "retired", RETIRED));
  }

  @Test
  void historyListsEveryIntervalWithItsDecisions() {
    as("audit1").get("/api/v1/use-cases/" + id + "/production-history")
        .then().statusCode(200)
        .body("modelVersionId", contains(id + "-v1", id + "-v2"))
        .body("endpointName", contains("gf-" + id + "-prod", "gf-" + id + "-prod"))
        .body("from", contains("2026-04-01T08:00:00Z", "2026-05-01T08:00:00Z"))
        .body("to", contains("2026-05-01T08:00:00Z", "2026-06-30T08:00:00Z"))
        .body("[0].decisions.decisionId", contains(id + "-sign-off", id + "-production-1"))
        .body("[0].decisions.gate", contains("GOVERNANCE_SIGN_OFF", "PRODUCTION_APPROVAL"))
        .body("[0].decisions[0].actor", equalTo("gov1"));
  }

  @Test
  void atAnInstantTheOneIntervalServingIsAnswered() {
    as("audit1").get("/api/v1/use-cases/" + id + "/production-history?at=2026-04-15T00:00:00Z")
        .then().statusCode(200)
        .body("modelVersionId", equalTo(id + "-v1"))
        .body("decisions.decisionId", contains(id + "-sign-off", id + "-production-1"));
    as("gov1").get("/api/v1/use-cases/" + id + "/production-history?at=2026-05-01T08:00:00Z")
        .then().statusCode(200)
        .body("modelVersionId", equalTo(id + "-v2"))
        .body("to", equalTo("2026-06-30T08:00:00Z"));
    as("ops1").queryParam("at", "2026-05-01T10:00:00+02:00").get("/api/v1/use-cases/" + id + "/production-history")
        .then().statusCode(200)
        .body("modelVersionId", equalTo(id + "-v2"));
  }

  @Test
  void beforeTheFirstDeploymentAndAfterRetirementNothingServed() {
    as("audit1").get("/api/v1/use-cases/" + id + "/production-history?at=2026-03-31T23:59:59Z")
        .then().statusCode(404)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:govflow:problem:nothing-in-production"))
        .body("detail", equalTo("nothing served production for use case " + id + " at 2026-03-31T23:59:59Z; GET "
            + "/api/v1/use-cases/" + id + "/production-history lists the intervals that did"));
    as("audit1").get("/api/v1/use-cases/" + id + "/production-history?at=2026-06-30T08:00:00Z")
        .then().statusCode(404)
        .body("type", equalTo("urn:govflow:problem:nothing-in-production"));
  }

  @Test
  void unparseableInstantIsBadRequestNamingTheFormat() {
    as("audit1").get("/api/v1/use-cases/" + id + "/production-history?at=yesterday")
        .then().statusCode(400)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:govflow:problem:invalid-timestamp"))
        .body("errors.field", contains("at"))
        .body("detail", containsString("such as 2026-04-01T08:00:00Z"));
  }

  @Test
  void useCaseNeverInProductionHasAnEmptyHistory() {
    String other = InventoryFixtures.newUseCaseId();
    InventoryFixtures.recordUseCase(registry, other);

    as("po1").get("/api/v1/use-cases/" + other + "/production-history")
        .then().statusCode(200)
        .body("", hasSize(0));
  }

  @Test
  void unknownUseCaseIsNotFoundAndCredentialsAreNeeded() {
    as("audit1").get("/api/v1/use-cases/uc-zzzzzzzz/production-history")
        .then().statusCode(404)
        .body("type", equalTo("urn:govflow:problem:use-case-not-found"));
    given().get("/api/v1/use-cases/" + id + "/production-history").then().statusCode(401);
  }
}
