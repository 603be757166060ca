package io.govflow.replay;

import static io.govflow.usecase.LifecycleFixture.OWNER;
import static io.govflow.usecase.LifecycleFixture.creditScoring;
import static io.govflow.usecase.LifecycleFixture.decision;
import static io.govflow.usecase.LifecycleFixture.gate;
import static io.govflow.usecase.LifecycleFixture.signOff;
import static org.assertj.core.api.Assertions.assertThat;

import io.govflow.approval.Gate;
import io.govflow.approval.Outcome;
import io.govflow.common.WorkflowIds;
import io.govflow.modelversion.ModelVersionWorkflow;
import io.govflow.usecase.LifecycleFixture;
import io.govflow.usecase.Revision;
import io.govflow.usecase.RiskLevel;
import io.govflow.usecase.Stage;
import io.govflow.usecase.UseCaseDefinition;
import io.govflow.usecase.UseCaseWorkflow;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
  void recordLowRiskHappyPath() throws IOException {
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-happy", RiskLevel.LOW);
    lifecycle.approveUseCase(useCase, "gov1");
    signOff(lifecycle.awaitSignOffGate(useCase), Outcome.APPROVE, "gov2", "evidence meets policy");
    assertThat(lifecycle.result(useCase).stage()).isEqualTo(Stage.SIGNED_OFF);

    record("low-risk-happy-path", "uc-happy");
  }

  @Test
  void recordRequestChangesThenRevision() throws IOException {
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-revised", RiskLevel.MEDIUM);
    String digest = gate(useCase.state(), Gate.USE_CASE_APPROVAL).evidenceDigest();
    useCase.decide(decision(Gate.USE_CASE_APPROVAL, Outcome.REQUEST_CHANGES, "gov1", digest));
    lifecycle.awaitUseCase(useCase, state -> state.stage() == Stage.CHANGES_REQUESTED);
    UseCaseDefinition first = creditScoring(RiskLevel.MEDIUM);
    UseCaseDefinition revised = new UseCaseDefinition(first.name(), first.businessProblem(), first.stakeholders(),
        first.lineOfBusiness(), "flag applications for manual review", OWNER, first.risk(), first.dataSources(),
        first.dataset(), first.protectedFacets());
    useCase.revise(new Revision(OWNER, revised, "narrowed the intended use"));
    lifecycle.approveUseCase(useCase, "gov1");
    signOff(lifecycle.awaitSignOffGate(useCase), Outcome.APPROVE, "gov2", "fine");
    assertThat(lifecycle.result(useCase).stage()).isEqualTo(Stage.SIGNED_OFF);

    record("request-changes-then-revision", "uc-revised");
  }

  @Test
  void recordHighRiskTwoApprovers() throws IOException {
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-high", RiskLevel.HIGH);
    lifecycle.approveUseCase(useCase, "gov1");
    ModelVersionWorkflow modelVersion = lifecycle.awaitSignOffGate(useCase);
    signOff(modelVersion, Outcome.APPROVE, "gov1", "quality and bias within policy");
    signOff(modelVersion, Outcome.APPROVE, "gov2", "concur");
    assertThat(lifecycle.result(useCase).stage()).isEqualTo(Stage.SIGNED_OFF);

    record("high-risk-two-approvers", "uc-high");
  }

  /** One file per workflow of the scenario: the use case and its model version. */
  private void record(String scenario, String useCaseId) throws IOException {
    Files.createDirectories(HISTORIES);
    write(scenario + ".use-case.json", WorkflowIds.useCase(useCaseId));
    write(scenario + ".model-version.json", WorkflowIds.modelVersion(useCaseId, 1));
  }

  private void write(String file, String workflowId) throws IOException {
    Files.writeString(HISTORIES.resolve(file), lifecycle.client().fetchHistory(workflowId).toJson(true));
  }
}
