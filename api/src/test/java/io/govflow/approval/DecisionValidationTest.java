package io.govflow.approval;

import static io.govflow.testing.ApiCalls.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.govflow.common.Problem;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DecisionValidationTest {

  @Test
  void decisionNeedsGateOutcomeAndEvidenceDigest() {
    as("gov1").body(Map.of("comment", "looks fine")).post("/api/v1/use-cases/uc-abcd1234/decisions")
        .then().statusCode(422)
        .contentType(Problem.MEDIA_TYPE)
        .body("errors.field", contains("evidenceDigest", "gate", "outcome"));
  }

  @Test
  void unknownOutcomeListsOutcomes() {
    as("gov1").body(Map.of("gate", "USE_CASE_APPROVAL", "outcome", "MAYBE", "evidenceDigest", "abc"))
        .post("/api/v1/use-cases/uc-abcd1234/decisions")
        .then().statusCode(422)
        .body("errors[0].field", equalTo("outcome"))
        .body("allowedValues", contains("APPROVE", "REJECT", "REQUEST_CHANGES", "RETRAIN"));
  }

  @Test
  void onlyPendingGatesAreListed() {
    as("gov1").get("/api/v1/gates?pending=false")
        .then().statusCode(422)
        .body("errors[0].field", equalTo("pending"));
  }

  @Test
  void decisionOnMalformedUseCaseIdIsNotFound() {
    as("gov1").body(Map.of("gate", "USE_CASE_APPROVAL", "outcome", "APPROVE", "evidenceDigest", "abc"))
        .post("/api/v1/use-cases/UC-1/decisions")
        .then().statusCode(404)
        .body("type", equalTo("urn:govflow:problem:use-case-not-found"));
  }
}
