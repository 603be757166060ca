package io.govflow.usecase;

import static io.govflow.testing.ApiCalls.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.govflow.approval.GatePolicy;
import io.govflow.common.Problem;
import io.govflow.common.WorkflowIds;
import io.govflow.testing.InventoryFixtures;
import io.govflow.testing.RetirableUseCaseWorkflow;
import io.govflow.testing.ScriptedWorkflowsResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Retirement through the API: the retire update on {@code use-case-<id>} (a scripted stand-in on a real Temporal dev
 * server) with a RETIREMENT decision by the caller, once per Idempotency-Key.
 */
@QuarkusTest
@WithTestResource(ScriptedWorkflowsResource.class)
class RetirementIT {

  @Inject
  WorkflowClient client;

  @Test
  void governanceRetiresAUseCaseAndARetriedKeyRetiresOnce() {
    String id = startUseCaseInProduction();
    String key = UUID.randomUUID().toString();

    retire("gov1", id, key)
        .statusCode(200)
        .body("useCaseId", equalTo(id))
        .body("stage", equalTo("RETIRED"))
        .body("decisions", hasSize(1))
        .body("decisions[0].decisionId", equalTo(key))
        .body("decisions[0].decision.gate", equalTo("RETIREMENT"))
        .body("decisions[0].decision.outcome", equalTo("APPROVE"))
        .body("decisions[0].decision.comment", equalTo("replaced by the new scorecard"))
        .body("decisions[0].decision.actor", equalTo("gov1"))
        .body("decisions[0].decision.actorRoles", contains("governance"))
        .body("decisions[0].decision.evidenceDigest", nullValue());
    retire("gov1", id, key)
        .statusCode(200)
        .body("decisions", hasSize(1))
        .body("decisions[0].decisionId", equalTo(key));
  }

  @Test
  void retiredUseCaseCannotBeRetiredAgain() {
    String id = startUseCaseInProduction();
    retire("gov1", id, null).statusCode(200);

    retire("gov2", id, null)
        .statusCode(409)
        .contentType(Problem.MEDIA_TYPE)
        .body("refusal", equalTo("GATE_NOT_OPEN"))
        .body("detail", equalTo("use case " + id + " has ended (RETIRED); nothing can be decided or revised in it "
            + "any more"));
  }

  @Test
  void unknownUseCaseIsNotFound() {
    retire("gov1", "uc-zzzzzzzz", null)
        .statusCode(404)
        .body("type", equalTo("urn:govflow:problem:use-case-not-found"));
  }

  private String startUseCaseInProduction() {
    String id = InventoryFixtures.newUseCaseId();
    RetirableUseCaseWorkflow workflow = client.newWorkflowStub(RetirableUseCaseWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(WorkflowIds.useCase(id))
            .setTaskQueue(ScriptedWorkflowsResource.TASK_QUEUE)
            .build());
    WorkflowClient.start(workflow::run, new UseCaseStart(id, InventoryFixtures.definition(),
        new GatePolicy(Duration.ofDays(2), Duration.ofDays(5))));
    return id;
  }

  static ValidatableResponse retire(String user, String id, String key) {
    var request = as(user).body(Map.of("comment", "replaced by the new scorecard"));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return request.post("/api/v1/use-cases/" + id + "/retirement").then();
  }
}
