package io.govflow.monitoring;

import static io.govflow.testing.ApiCalls.as;
import static io.govflow.testing.InventoryFixtures.T0;
import static io.govflow.testing.InventoryFixtures.event;
import static io.govflow.testing.InventoryFixtures.finding;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.govflow.common.Problem;
import io.govflow.common.WorkflowIds;
import io.govflow.deployment.EndpointRef;
import io.govflow.deployment.Environment;
import io.govflow.policy.Severity;
import io.govflow.registry.RegistryActivities;
import io.govflow.testing.InventoryFixtures;
import io.govflow.usecase.RiskLevel;
import io.govflow.testing.LifecycleWorkerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Acknowledging and resolving findings through the API: each action is an update on the real {@code monitoring-<id>}
 * workflow on a Temporal dev server, its refusals come back as problems, and a retried key acts once.
 */
@QuarkusTest
@WithTestResource(LifecycleWorkerResource.class)
class FindingActionIT {

  @Inject
  RegistryActivities registry;

  @Inject
  WorkflowClient client;

  String useCaseId;
  MonitoringFinding drift;

  @BeforeEach
  void monitoredUseCaseWithAnOpenFinding() {
    useCaseId = InventoryFixtures.newUseCaseId();
    InventoryFixtures.recordUseCase(registry, useCaseId);
    drift = finding(useCaseId, "age", Severity.HIGH, T0);
    registry.recordFinding(drift, event(useCaseId, "finding-raised", T0));
    startMonitoring(useCaseId, List.of(drift));
  }

  @Test
  void acknowledgementNamesTheCallerAndARetriedKeyActsOnce() {
    String key = UUID.randomUUID().toString();

    act("ops1", "acknowledgement", "looking at the age shift", key)
        .statusCode(200)
        .body("findingId", equalTo(drift.findingId()))
        .body("status", equalTo("ACKNOWLEDGED"))
        .body("acknowledgedBy", equalTo("ops1"))
        .body("comment", equalTo("looking at the age shift"));
    act("ops1", "acknowledgement", "a second thought", key)
        .statusCode(200)
        .body("comment", equalTo("looking at the age shift"));
  }

  @Test
  void resolutionWithoutCommentIsRefusedByTheWorkflow() {
    act("gov1", "resolution", null, null)
        .statusCode(422)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:govflow:problem:comment-required"))
        .body("refusal", equalTo("COMMENT_REQUIRED"))
        .body("title", equalTo("Comment required"))
        .body("instance", equalTo("/api/v1/findings/" + drift.findingId() + "/resolution"));
  }

  @Test
  void resolvedFindingIsNotActedOnAgain() {
    act("gov1", "resolution", "retrained on recent applicants", null)
        .statusCode(200)
        .body("status", equalTo("RESOLVED"))
        .body("resolvedBy", equalTo("gov1"))
        .body("acknowledgedBy", nullValue());

    act("ops1", "acknowledgement", "on it", null)
        .statusCode(404)
        .body("refusal", equalTo("FINDING_NOT_FOUND"))
        .body("detail", startsWith("finding " + drift.findingId() + " is not open in monitoring-" + useCaseId));
  }

  @Test
  void findingTheWorkflowDoesNotHoldIsRefusedAsNotFound() {
    MonitoringFinding unknownToWorkflow = finding(useCaseId, "credit_amount", Severity.LOW, T0);
    registry.recordFinding(unknownToWorkflow, event(useCaseId, "finding-raised", T0));

    as("ops1").body(Map.of("comment", "on it"))
        .post("/api/v1/findings/" + unknownToWorkflow.findingId() + "/acknowledgement")
        .then().statusCode(404)
        .body("refusal", equalTo("FINDING_NOT_FOUND"))
        .body("type", equalTo("urn:govflow:problem:finding-not-found"));
  }

  @Test
  void findingOfAUseCaseNoLongerMonitoredIsConflict() {
    String retired = InventoryFixtures.newUseCaseId();
    MonitoringFinding orphan = finding(retired, "age", Severity.MEDIUM, T0);
    registry.recordFinding(orphan, event(retired, "finding-raised", T0));

    as("gov1").body(Map.of("comment", "on it")).post("/api/v1/findings/" + orphan.findingId() + "/acknowledgement")
        .then().statusCode(409)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:govflow:problem:monitoring-stopped"))
        .body("detail", equalTo("use case " + retired + " is no longer monitored (it was retired), so its findings "
            + "can no longer be acknowledged or resolved; the inventory keeps them as they were"));
  }

  private ValidatableResponse act(String user, String action, String comment, String key) {
    Map<String, Object> body = new HashMap<>();
    body.put("comment", comment);
    var request = as(user).body(body);
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return request.post("/api/v1/findings/" + drift.findingId() + "/" + action).then();
  }

  /** The real workflow, carrying the findings as a run before continue-as-new hands them over. */
  private void startMonitoring(String id, List<MonitoringFinding> findings) {
    MonitoringWorkflow monitoring = client.newWorkflowStub(MonitoringWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.monitoring(id))
        .setTaskQueue(LifecycleWorkerResource.TASK_QUEUE)
        .build());
    String endpoint = "gf-" + id + "-prod";
    MonitoredVersion version = new MonitoredVersion(id + "-v1", new EndpointRef(endpoint, Environment.PRODUCTION,
        "http://127.0.0.1:8082/endpoints/" + endpoint + "/invocations", id + "-v1", "data-capture/" + endpoint),
        null, T0);
    MonitoringState carried = new MonitoringState(id, WorkflowIds.monitoring(id), version, Instant.now(), null, 0,
        findings, List.of(), List.of(), 0, false, null);
    WorkflowClient.start(monitoring::run, new MonitoringStart(id, "po1", RiskLevel.HIGH,
        InventoryFixtures.definition().dataset(), List.of(), MonitoringPolicy.defaults(), null, version, carried));
  }

}
