package io.govflow.replay;

import static io.govflow.usecase.LifecycleFixture.decideOn;
import static io.govflow.usecase.LifecycleFixture.decision;
import static io.govflow.usecase.LifecycleFixture.signOff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import io.govflow.approval.Gate;
import io.govflow.approval.Outcome;
import io.govflow.common.WorkflowIds;
import io.govflow.modelversion.ModelVersionWorkflow;
import io.govflow.monitoring.MonitoringRunRequest;
import io.govflow.usecase.LifecycleFixture;
import io.govflow.usecase.RiskLevel;
import io.govflow.usecase.Stage;
import io.govflow.usecase.UseCaseWorkflow;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records the histories {@link LifecycleReplayTest} replays: run with {@code -Dgovflow.recordHistories=true} to add
 * scenarios, never to paper over a failing replay (that calls for {@code Workflow.getVersion}).
 */
@EnabledIfSystemProperty(named = "govflow.recordHistories", matches = "true")
class LifecycleHistoryRecordingTest {

  static final Path HISTORIES = Path.of("src", "test", "resources", "histories");

  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL = LifecycleFixture.extension();

  private final LifecycleFixture lifecycle = new LifecycleFixture();

  @BeforeEach
  void startTemporal(TestWorkflowEnvironment env, Worker worker) {
    lifecycle.start(env, worker);
  }

  @Test
  void recordProductionRejectedThenRetired() throws IOException {
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-kept", RiskLevel.LOW);
    lifecycle.approveUseCase(useCase, "gov1");
    signOff(lifecycle.awaitSignOffGate(useCase), Outcome.APPROVE, "gov2", "evidence meets policy");
    decideOn(lifecycle.awaitModelVersionGate(useCase, Gate.PRODUCTION_APPROVAL), Gate.PRODUCTION_APPROVAL,
        Outcome.REJECT, "gov1", "change board: not this quarter");
    lifecycle.awaitUseCase(useCase, state -> state.stage() == Stage.KEPT_IN_TEST && !state.endpoints().isEmpty());
    useCase.retire(decision(Gate.RETIREMENT, Outcome.APPROVE, "gov2", null));
    assertThat(lifecycle.result(useCase).stage()).isEqualTo(Stage.RETIRED);

    record("production-rejected-then-retired", "uc-kept", 1);
  }

  /**
   * A month of quiet daily monitoring (so monitoring continues as new), then drift on v1, re-validation with RETRAIN,
   * v2 through production, the yearly review, and retirement.
   */
  @Test
  void recordProductionRetrainingReviewAndRetirement() throws IOException {
    doAnswer(call -> {
      MonitoringRunRequest request = call.getArgument(0);
      int run = Integer.parseInt(request.runId().substring(request.runId().lastIndexOf('-') + 1));
      return request.modelVersionId().endsWith("-v1") && run > 30
          ? LifecycleFixture.driftedRun(request) : LifecycleFixture.quietRun(request);
    }).when(lifecycle.monitoring).runMonitoring(any());
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-prod", RiskLevel.HIGH, LifecycleFixture.DAILY_MONITORING);
    lifecycle.toProductionHighRisk(useCase);
    lifecycle.env().sleep(Duration.ofDays(32));
    lifecycle.decideUseCaseGate(useCase, Gate.REVALIDATION, Outcome.RETRAIN, "gov1");
    ModelVersionWorkflow v2 = lifecycle.awaitModelVersionGate(useCase, Gate.GOVERNANCE_SIGN_OFF);
    signOff(v2, Outcome.APPROVE, "gov1", "retrained");
    signOff(v2, Outcome.APPROVE, "gov2", "concur");
    ModelVersionWorkflow production = lifecycle.awaitModelVersionGate(useCase, Gate.PRODUCTION_APPROVAL);
    decideOn(production, Gate.PRODUCTION_APPROVAL, Outcome.APPROVE, "gov1", "ship");
    decideOn(production, Gate.PRODUCTION_APPROVAL, Outcome.APPROVE, "gov3", "ship");
    lifecycle.awaitUseCase(useCase, state -> state.stage() == Stage.IN_PRODUCTION
        && state.production().modelVersionId().equals("uc-prod-v2"));
    lifecycle.env().sleep(Duration.ofDays(366));
    lifecycle.decideUseCaseGate(useCase, Gate.PERIODIC_REVIEW, Outcome.APPROVE, "gov3");
    lifecycle.awaitUseCase(useCase, state -> state.stage() == Stage.IN_PRODUCTION);
    useCase.retire(decision(Gate.RETIREMENT, Outcome.APPROVE, "gov2", null));
    assertThat(lifecycle.result(useCase).stage()).isEqualTo(Stage.RETIRED);

    record("production-retraining-review-retirement", "uc-prod", 2);
  }

  /** One file per workflow of the scenario: the use case, its model versions and, if it ran, its monitoring. */
  private void record(String scenario, String useCaseId, int versions) throws IOException {
    Files.createDirectories(HISTORIES);
    write(scenario + ".use-case.json", WorkflowIds.useCase(useCaseId));
    for (int version = 1; version <= versions; version++) {
      write(scenario + ".model-version-v" + version + ".json", WorkflowIds.modelVersion(useCaseId, version));
    }
    if (lifecycle.useCaseState(useCaseId).monitoringStarted()) {
      write(scenario + ".monitoring.json", WorkflowIds.monitoring(useCaseId));
    }
  }

  private void write(String file, String workflowId) throws IOException {
    Files.writeString(HISTORIES.resolve(file), lifecycle.client().fetchHistory(workflowId).toJson(true));
  }
}
