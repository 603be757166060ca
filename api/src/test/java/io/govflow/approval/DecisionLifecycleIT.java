package io.govflow.approval;

import static io.govflow.testing.ApiCalls.as;
import static io.govflow.testing.ApiCalls.await;
import static io.govflow.testing.ApiCalls.awaitUseCase;
import static io.govflow.testing.ApiCalls.createUseCase;
import static io.govflow.testing.ApiCalls.creditUseCase;
import static io.govflow.testing.ApiCalls.decide;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.govflow.common.Problem;
import io.govflow.testing.LifecycleWorkerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Gates through the API against the real workflows on a Temporal dev server: the inbox, decisions routed to the
 * workflow holding the gate, each refusal as its problem, idempotent retries, and a high-risk sign-off.
 */
@QuarkusTest
@WithTestResource(LifecycleWorkerResource.class)
class DecisionLifecycleIT {

  @Test
  void inboxListsOpenUseCaseApproval() {
    String id = createUseCase("po1");
    String digest = approvalDigest(id);

    JsonPath inbox = await(() -> as("gov1").get("/api/v1/gates?pending=true").then().statusCode(200)
        .extract().jsonPath(), p -> p.getList("useCaseId").contains(id));

    Map<String, Object> gate = inbox.getMap("find { it.useCaseId == '" + id + "' }");
    assertThat(gate).containsEntry("gate", "USE_CASE_APPROVAL")
        .containsEntry("workflowId", "use-case-" + id)
        .containsEntry("useCaseName", "Consumer loan approval")
        .containsEntry("awaits", "approval of the use case definition")
        .containsEntry("evidenceDigest", digest)
        .containsEntry("reminded", false)
        .containsEntry("escalations", 0)
        .containsKeys("openedAt", "remindAt", "escalateAt", "approvers");
  }

  @Test
  void productOwnerDecisionIsRefusedByTheWorkflowAsWrongRole() {
    String id = createUseCase("po1");

    decide("po2", id, "USE_CASE_APPROVAL", "APPROVE", approvalDigest(id), null)
        .statusCode(403)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:govflow:problem:wrong-role"))
        .body("refusal", equalTo("WRONG_ROLE"))
        .body("detail", equalTo("po2 may not decide USE_CASE_APPROVAL: it needs the role governance."))
        .body("instance", equalTo("/api/v1/use-cases/" + id + "/decisions"));
  }

  @Test
  void decisionOnStaleEvidenceIsConflict() {
    String id = createUseCase("po1");
    approvalDigest(id);

    decide("gov1", id, "USE_CASE_APPROVAL", "APPROVE", "0".repeat(64), null)
        .statusCode(409)
        .body("type", equalTo("urn:govflow:problem:evidence-changed"))
        .body("refusal", equalTo("EVIDENCE_CHANGED"))
        .body("detail", containsString("decide on the current evidence"));
  }

  @Test
  void decisionOnGateThatIsNotOpenIsConflict() {
    String id = createUseCase("po1");

    decide("gov1", id, "GOVERNANCE_SIGN_OFF", "APPROVE", approvalDigest(id), null)
        .statusCode(409)
        .body("refusal", equalTo("GATE_NOT_OPEN"));
  }

  @Test
  void decisionOnUnknownUseCaseIsNotFound() {
    decide("gov1", "uc-zzzzzzzz", "USE_CASE_APPROVAL", "APPROVE", "0".repeat(64), null)
        .statusCode(404)
        .body("type", equalTo("urn:govflow:problem:use-case-not-found"));
  }

  @Test
  void highRiskCaseIsSignedOffByTwoDistinctApproversWithRetriesDecidingOnce() {
    String id = createUseCase("po1");
    String approvalKey = UUID.randomUUID().toString();
    String approvalDigest = approvalDigest(id);
    decide("gov1", id, "USE_CASE_APPROVAL", "APPROVE", approvalDigest, approvalKey)
        .statusCode(200)
        .body("outcome.decisionId", equalTo(approvalKey))
        .body("outcome.gateClosed", equalTo(true));
    decide("gov1", id, "USE_CASE_APPROVAL", "APPROVE", approvalDigest, approvalKey)
        .statusCode(200)
        .body("outcome.decisionId", equalTo(approvalKey))
        .body("state.decisions", hasSize(1));

    JsonPath atSignOff = awaitUseCase(id, s -> s.getList("openGates.gate").contains("GOVERNANCE_SIGN_OFF"));
    String modelVersionId = id + "-v1";
    assertThat(atSignOff.getString("stage")).isEqualTo("AWAITING_SIGN_OFF");
    assertThat(atSignOff.getString("openGates[0].workflowId")).isEqualTo("model-version-" + modelVersionId);
    String evidenceDigest = atSignOff.getString("openGates[0].evidenceDigest");

    decide("gov1", id, "GOVERNANCE_SIGN_OFF", "REQUEST_CHANGES", evidenceDigest, null)
        .statusCode(422)
        .body("refusal", equalTo("OUTCOME_NOT_ALLOWED"));
    String firstSignOff = UUID.randomUUID().toString();
    decide("gov1", id, "GOVERNANCE_SIGN_OFF", "APPROVE", evidenceDigest, firstSignOff)
        .statusCode(200)
        .body("outcome.gateClosed", equalTo(false))
        .body("outcome.approvalsRequired", equalTo(2))
        .body("outcome.approvers", contains("gov1"));
    decide("gov1", id, "GOVERNANCE_SIGN_OFF", "APPROVE", evidenceDigest, null)
        .statusCode(403)
        .body("refusal", equalTo("ALREADY_APPROVED_BY_ACTOR"));
    decide("gov2", id, "GOVERNANCE_SIGN_OFF", "APPROVE", evidenceDigest, null)
        .statusCode(200)
        .body("outcome.gateClosed", equalTo(true))
        .body("outcome.approvers", contains("gov1", "gov2"));
    decide("gov1", id, "GOVERNANCE_SIGN_OFF", "APPROVE", evidenceDigest, firstSignOff)
        .statusCode(200)
        .body("outcome.decisionId", equalTo(firstSignOff))
        .body("outcome.approvers", contains("gov1"));

    awaitUseCase(id, s -> "AWAITING_PRODUCTION_APPROVAL".equals(s.getString("stage")));
    as("audit1").get("/api/v1/model-versions/" + modelVersionId)
        .then().statusCode(200)
        .body("stage", equalTo("AWAITING_PRODUCTION_APPROVAL"))
        .body("decisions", hasSize(2))
        // Validation in test added its report: production approval stands on more evidence than sign-off did.
        .body("evidence.name", hasItem("endpoint-validation"))
        .body("evidenceDigest", not(equalTo(evidenceDigest)));
  }

  @Test
  void endedCaseRefusesNewDecisionsButAnswersRetries() {
    String id = createUseCase("po1");
    String digest = approvalDigest(id);
    String key = UUID.randomUUID().toString();
    decide("gov1", id, "USE_CASE_APPROVAL", "REJECT", digest, key)
        .statusCode(200)
        .body("outcome.gateClosed", equalTo(true));
    awaitUseCase(id, s -> "REJECTED".equals(s.getString("stage")));

    decide("gov1", id, "USE_CASE_APPROVAL", "REJECT", digest, key)
        .statusCode(200)
        .body("outcome.decisionId", equalTo(key))
        .body("state.stage", equalTo("REJECTED"));
    decide("gov2", id, "USE_CASE_APPROVAL", "APPROVE", digest, null)
        .statusCode(409)
        .contentType(Problem.MEDIA_TYPE)
        .body("refusal", equalTo("GATE_NOT_OPEN"))
        .body("detail", equalTo("use case " + id + " has ended (REJECTED); nothing can be decided or revised in it "
            + "any more"));
    as("po1").body(creditUseCase()).put("/api/v1/use-cases/" + id)
        .then().statusCode(409)
        .body("refusal", equalTo("REVISION_NOT_EXPECTED"));
  }

  private static String approvalDigest(String id) {
    return awaitUseCase(id, s -> s.getList("openGates.gate").contains("USE_CASE_APPROVAL"))
        .getString("openGates.find { it.gate == 'USE_CASE_APPROVAL' }.evidenceDigest");
  }

}
