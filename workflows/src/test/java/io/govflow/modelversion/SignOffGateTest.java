package io.govflow.modelversion;

import static io.govflow.usecase.LifecycleFixture.GOVERNANCE;
import static io.govflow.usecase.LifecycleFixture.OWNER;
import static io.govflow.usecase.LifecycleFixture.gate;
import static io.govflow.usecase.LifecycleFixture.signOff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.govflow.approval.Decision;
import io.govflow.approval.Gate;
import io.govflow.approval.GateOutcome;
import io.govflow.approval.OpenGate;
import io.govflow.approval.Outcome;
import io.govflow.approval.Refusal;
import io.govflow.signoff.SignOffRequest;
import io.govflow.usecase.LifecycleFixture;
import io.govflow.usecase.RiskLevel;
import io.govflow.usecase.Stage;
import io.govflow.usecase.UseCaseState;
import io.govflow.usecase.UseCaseWorkflow;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

/** Steps 3–8 as the model-version workflow runs them: the sign-off gate's four-eyes rules and the failure path. */
class SignOffGateTest {

  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL = LifecycleFixture.extension();

  private final LifecycleFixture lifecycle = new LifecycleFixture();

  @BeforeEach
  void startTemporal(TestWorkflowEnvironment env, Worker worker) {
    lifecycle.start(env, worker);
  }

  @Test
  void highRiskSignOffNeedsTwoDistinctApprovers() {
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-30", RiskLevel.HIGH);
    lifecycle.approveUseCase(useCase, "gov1");
    ModelVersionWorkflow modelVersion = lifecycle.awaitSignOffGate(useCase);
    String workflowId = "model-version-uc-30-v1";

    GateOutcome first = signOff(modelVersion, Outcome.APPROVE, "gov1", "quality and bias within policy");

    assertThat(first.gateClosed()).isFalse();
    assertThat(first.approvalsRequired()).isEqualTo(2);
    assertThat(first.approvers()).containsExactly("gov1");
    assertThat(first.stage()).isEqualTo(Stage.AWAITING_SIGN_OFF.name());
    UseCaseState halfway = lifecycle.awaitUseCase(useCase,
        state -> gate(state, Gate.GOVERNANCE_SIGN_OFF).approvers().size() == 1);
    assertThat(gate(halfway, Gate.GOVERNANCE_SIGN_OFF).approvers()).containsExactly("gov1");

    lifecycle.assertRefused(workflowId, () -> signOff(modelVersion, Outcome.APPROVE, "gov1", "again"),
        Refusal.ALREADY_APPROVED_BY_ACTOR, "gov1 already approved GOVERNANCE_SIGN_OFF of model version uc-30-v1");
    lifecycle.assertRefused(workflowId, () -> signOff(modelVersion, Outcome.APPROVE, OWNER, "mine is good"),
        Refusal.OWNER_CANNOT_DECIDE, "po1 owns model version uc-30-v1; another governance member must decide.");

    GateOutcome second = signOff(modelVersion, Outcome.APPROVE, "gov2", "concur");

    assertThat(second.gateClosed()).isTrue();
    assertThat(second.approvers()).containsExactly("gov1", "gov2");
    assertThat(lifecycle.result(useCase).stage()).isEqualTo(Stage.SIGNED_OFF);
    ArgumentCaptor<SignOffRequest> request = ArgumentCaptor.forClass(SignOffRequest.class);
    verify(lifecycle.signOffs).recordSignOff(request.capture());
    assertThat(request.getValue().decisions()).extracting(record -> record.decision().actor())
        .containsExactly("gov1", "gov2");
  }

  @Test
  void approvingDespiteFailedPolicyRequiresACommentThatAcceptsTheRisk() {
    when(lifecycle.governanceCheck.check(any())).thenReturn(LifecycleFixture.policyResult(false));
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-31", RiskLevel.LOW);
    lifecycle.approveUseCase(useCase, "gov1");
    ModelVersionWorkflow modelVersion = lifecycle.awaitSignOffGate(useCase);
    assertThat(modelVersion.state().details()).contains("failed with 1 failing findings");

    lifecycle.assertRefused("model-version-uc-31-v1", () -> signOff(modelVersion, Outcome.APPROVE, "gov2", " "),
        Refusal.INVALID_DECISION, "approving despite failed policy findings requires a comment that accepts the risk");

    signOff(modelVersion, Outcome.APPROVE, "gov2", "DI of 0.62 accepted: manual review of every decline");
    assertThat(lifecycle.result(useCase).stage()).isEqualTo(Stage.SIGNED_OFF);
  }

  @Test
  void requestChangesIsNotAnOutcomeOfSignOff() {
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-32", RiskLevel.LOW);
    lifecycle.approveUseCase(useCase, "gov1");
    ModelVersionWorkflow modelVersion = lifecycle.awaitSignOffGate(useCase);

    lifecycle.assertRefused("model-version-uc-32-v1",
        () -> signOff(modelVersion, Outcome.REQUEST_CHANGES, "gov2", "retrain please"),
        Refusal.OUTCOME_NOT_ALLOWED, "GOVERNANCE_SIGN_OFF takes [APPROVE, REJECT], not REQUEST_CHANGES");
  }

  @Test
  void signOffOnEvidenceThatIsNotTheGatesIsRefused() {
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-33", RiskLevel.LOW);
    lifecycle.approveUseCase(useCase, "gov1");
    ModelVersionWorkflow modelVersion = lifecycle.awaitSignOffGate(useCase);
    OpenGate open = modelVersion.state().openGate();

    lifecycle.assertRefused("model-version-uc-33-v1",
        () -> modelVersion.decide(new Decision(Gate.GOVERNANCE_SIGN_OFF, Outcome.APPROVE, "ok", "gov2",
            List.of(GOVERNANCE), "digest-of-an-older-report")),
        Refusal.EVIDENCE_CHANGED, "now stands on " + open.evidenceDigest());
  }

  @Test
  void rejectionAtSignOffRejectsTheVersionAndTheUseCase() {
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-34", RiskLevel.MEDIUM);
    lifecycle.approveUseCase(useCase, "gov1");

    GateOutcome rejection = signOff(lifecycle.awaitSignOffGate(useCase), Outcome.REJECT, "gov2", "AUC too low");

    assertThat(rejection.stage()).isEqualTo(Stage.REJECTED.name());
    UseCaseState done = lifecycle.result(useCase);
    assertThat(done.stage()).isEqualTo(Stage.REJECTED);
    assertThat(done.modelVersions().get(0).candidate().status()).isEqualTo(ModelVersionStatus.Rejected);
  }

  @Test
  void nonRetryableTrainingFailureEndsTheVersionAsFailedAndTheUseCaseFollows() {
    when(lifecycle.training.awaitTraining(any(), any())).thenThrow(ApplicationFailure.newNonRetryableFailure(
        "column 'class' is missing from data/credit-g.csv; fix the dataset's label column", "MISSING_COLUMN"));
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-35", RiskLevel.LOW);
    lifecycle.approveUseCase(useCase, "gov1");

    UseCaseState done = lifecycle.result(useCase);

    assertThat(done.stage()).isEqualTo(Stage.FAILED);
    ModelVersionState version = done.modelVersions().get(0);
    assertThat(version.stage()).isEqualTo(Stage.FAILED);
    assertThat(version.failure()).isEqualTo(
        "column 'class' is missing from data/credit-g.csv; fix the dataset's label column (MISSING_COLUMN)");
    assertThat(done.details()).contains("column 'class' is missing");
    verify(lifecycle.training, never()).registerCandidate(any());
    verify(lifecycle.registry).recordModelVersion(
        argThat(snapshot -> snapshot.stage() == Stage.FAILED), any());
  }
}
