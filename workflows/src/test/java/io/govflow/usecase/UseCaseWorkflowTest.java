package io.govflow.usecase;

import static io.govflow.usecase.LifecycleFixture.OWNER;
import static io.govflow.usecase.LifecycleFixture.creditScoring;
import static io.govflow.usecase.LifecycleFixture.decision;
import static io.govflow.usecase.LifecycleFixture.gate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.govflow.approval.Decision;
import io.govflow.approval.DecisionRecord;
import io.govflow.approval.Gate;
import io.govflow.approval.GateOutcome;
import io.govflow.approval.OpenGate;
import io.govflow.approval.Outcome;
import io.govflow.approval.Refusal;
import io.govflow.common.Digests;
import io.govflow.common.GovflowSearchAttributes;
import io.govflow.modelversion.ModelVersionState;
import io.govflow.modelversion.ModelVersionWorkflow;
import io.govflow.modelversion.ModelVersionStatus;
import io.govflow.signoff.SignOffRequest;
import io.govflow.training.TrainingRequest;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/** Steps 1–2 and the use case following its model version to the end. */
class UseCaseWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL = LifecycleFixture.extension();

  private final LifecycleFixture lifecycle = new LifecycleFixture();

  @BeforeEach
  void startTemporal(TestWorkflowEnvironment env, Worker worker) {
    lifecycle.start(env, worker);
  }

  @Test
  void lowRiskUseCaseRunsEveryStepInOrderToProductionApproval() {
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-17", RiskLevel.LOW);
    OpenGate useCaseGate = gate(useCase.state(), Gate.USE_CASE_APPROVAL);
    assertThat(useCaseGate.evidenceDigest()).isEqualTo(Digests.ofValue(creditScoring(RiskLevel.LOW)));
    assertThat(useCaseGate.workflowId()).isEqualTo("use-case-uc-17");

    GateOutcome approval = lifecycle.approveUseCase(useCase, "gov1");
    assertThat(approval.gateClosed()).isTrue();
    assertThat(approval.stage()).isEqualTo(Stage.PROJECT_SETUP.name());

    ModelVersionWorkflow modelVersion = lifecycle.awaitSignOffGate(useCase);
    UseCaseState awaitingSignOff = useCase.state();
    assertThat(awaitingSignOff.stage()).isEqualTo(Stage.AWAITING_SIGN_OFF);
    assertThat(gate(awaitingSignOff, Gate.GOVERNANCE_SIGN_OFF).workflowId()).isEqualTo("model-version-uc-17-v1");
    ModelVersionState version = modelVersion.state();
    assertThat(version.evidence()).extracting("name").containsExactly("model-card", "data-statistics",
        "pre-training-bias", "training-metrics", "model-quality", "post-training-bias", "policy-result");
    assertThat(version.evidenceDigest()).isEqualTo(Digests.ofEvidence(version.evidence()));

    GateOutcome signOff = LifecycleFixture.signOff(modelVersion, Outcome.APPROVE, "gov2", "evidence meets policy");
    assertThat(signOff.gateClosed()).isTrue();
    assertThat(signOff.stage()).isEqualTo(Stage.SIGNED_OFF.name());

    UseCaseState done = lifecycle.awaitUseCase(useCase,
        state -> state.stage() == Stage.AWAITING_PRODUCTION_APPROVAL);
    assertThat(done.openGates()).extracting(OpenGate::gate).containsExactly(Gate.PRODUCTION_APPROVAL);
    assertThat(done.decisions()).extracting(DecisionRecord::decisionId).hasSize(1);
    ModelVersionState finalVersion = done.modelVersions().get(0);
    assertThat(finalVersion.stage()).isEqualTo(Stage.AWAITING_PRODUCTION_APPROVAL);
    assertThat(finalVersion.candidate().status()).isEqualTo(ModelVersionStatus.Approved);
    assertThat(finalVersion.decisions()).extracting(record -> record.decision().actor()).containsExactly("gov2");

    InOrder steps = inOrder(lifecycle.projects, lifecycle.dataEvaluation, lifecycle.training,
        lifecycle.modelEvaluation, lifecycle.governanceCheck, lifecycle.signOffs);
    steps.verify(lifecycle.projects).setUpProject(any());
    steps.verify(lifecycle.dataEvaluation).evaluateData(any());
    ArgumentCaptor<TrainingRequest> trainingRequest = ArgumentCaptor.forClass(TrainingRequest.class);
    steps.verify(lifecycle.training).startTraining(trainingRequest.capture());
    steps.verify(lifecycle.training).awaitTraining(any(), any());
    steps.verify(lifecycle.training).registerCandidate(argThat(registration ->
        registration.modelCard().name().equals("model-card")));
    steps.verify(lifecycle.modelEvaluation).evaluateModel(any());
    steps.verify(lifecycle.governanceCheck).check(argThat(check -> check.evidence().size() == 6));
    ArgumentCaptor<SignOffRequest> signOffRequest = ArgumentCaptor.forClass(SignOffRequest.class);
    steps.verify(lifecycle.signOffs).recordSignOff(signOffRequest.capture());
    assertThat(trainingRequest.getValue().jobName()).isEqualTo("gf-uc-17-v1-train");
    assertThat(trainingRequest.getValue().seed()).isEqualTo(42);
    assertThat(signOffRequest.getValue().outcome()).isEqualTo(Outcome.APPROVE);
    assertThat(signOffRequest.getValue().policyVersion()).isEqualTo(LifecycleFixture.POLICY_VERSION);
    verify(lifecycle.registry, times(2)).recordDecision(any(), any());
    verify(lifecycle.registry).recordPolicyResult(eq("uc-17-v1"),
        argThat(result -> result.policyVersion().equals(LifecycleFixture.POLICY_VERSION)), any());
    verify(lifecycle.registry).recordPolicyResult(eq("uc-17-v1"),
        argThat(result -> result.policyVersion().equals("endpoint-validation-1") && result.passed()), any());
    verify(lifecycle.registry, times(3)).recordMetrics(eq("uc-17-v1"), any(), any());

    SearchAttributes useCaseAttributes = WorkflowStub.fromTyped(useCase).describe().getTypedSearchAttributes();
    assertThat(useCaseAttributes.get(GovflowSearchAttributes.STAGE)).isEqualTo("AWAITING_PRODUCTION_APPROVAL");
    assertThat(useCaseAttributes.get(GovflowSearchAttributes.PENDING_GATE)).isEqualTo("PRODUCTION_APPROVAL");
    assertThat(useCaseAttributes.get(GovflowSearchAttributes.OWNER)).isEqualTo(OWNER);
    SearchAttributes versionAttributes = WorkflowStub.fromTyped(modelVersion).describe().getTypedSearchAttributes();
    assertThat(versionAttributes.get(GovflowSearchAttributes.USE_CASE_ID)).isEqualTo("uc-17");
    assertThat(versionAttributes.get(GovflowSearchAttributes.STAGE)).isEqualTo("AWAITING_PRODUCTION_APPROVAL");
  }

  @Test
  void rejectionAtUseCaseGateEndsTheCase() {
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-18", RiskLevel.MEDIUM);
    String digest = gate(useCase.state(), Gate.USE_CASE_APPROVAL).evidenceDigest();

    GateOutcome rejection = useCase.decide(decision(Gate.USE_CASE_APPROVAL, Outcome.REJECT, "gov1", digest));

    assertThat(rejection.gateClosed()).isTrue();
    assertThat(rejection.stage()).isEqualTo(Stage.REJECTED.name());
    UseCaseState done = lifecycle.result(useCase);
    assertThat(done.stage()).isEqualTo(Stage.REJECTED);
    assertThat(done.modelVersions()).isEmpty();
    verify(lifecycle.projects, never()).setUpProject(any());
  }

  @Test
  void requestedChangesAreRevisedByOwnerAndReopenTheGateOnTheNewDefinition() {
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-19", RiskLevel.LOW);
    String firstDigest = gate(useCase.state(), Gate.USE_CASE_APPROVAL).evidenceDigest();
    useCase.decide(decision(Gate.USE_CASE_APPROVAL, Outcome.REQUEST_CHANGES, "gov1", firstDigest));
    lifecycle.awaitUseCase(useCase, state -> state.stage() == Stage.CHANGES_REQUESTED);

    UseCaseDefinition revised = withIntendedUse(creditScoring(RiskLevel.LOW), "flag applications for review");
    UseCaseState reopened = useCase.revise(new Revision(OWNER, revised, "narrowed the intended use"));

    assertThat(reopened.revision()).isEqualTo(2);
    assertThat(reopened.stage()).isEqualTo(Stage.AWAITING_USE_CASE_APPROVAL);
    assertThat(reopened.definition().intendedUse()).isEqualTo("flag applications for review");
    String newDigest = gate(reopened, Gate.USE_CASE_APPROVAL).evidenceDigest();
    assertThat(newDigest).isEqualTo(Digests.ofValue(revised)).isNotEqualTo(firstDigest);

    lifecycle.assertRefused("use-case-uc-19",
        () -> useCase.decide(decision(Gate.USE_CASE_APPROVAL, Outcome.APPROVE, "gov1", firstDigest)),
        Refusal.EVIDENCE_CHANGED, "read the case again");

    useCase.decide(decision(Gate.USE_CASE_APPROVAL, Outcome.APPROVE, "gov1", newDigest));
    LifecycleFixture.signOff(lifecycle.awaitSignOffGate(useCase), Outcome.APPROVE, "gov2", "fine");
    UseCaseState done = lifecycle.awaitUseCase(useCase,
        state -> state.stage() == Stage.AWAITING_PRODUCTION_APPROVAL);
    assertThat(done.decisions()).extracting(record -> record.decision().outcome())
        .containsExactly(Outcome.REQUEST_CHANGES, Outcome.APPROVE);
  }

  @Test
  void revisionByAnotherPersonIsRefused() {
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-20", RiskLevel.LOW);
    String digest = gate(useCase.state(), Gate.USE_CASE_APPROVAL).evidenceDigest();
    UseCaseDefinition revised = withIntendedUse(creditScoring(RiskLevel.LOW), "something else");

    lifecycle.assertRefused("use-case-uc-20", () -> useCase.revise(new Revision(OWNER, revised, "too early")),
        Refusal.REVISION_NOT_EXPECTED, "not waiting for a revision");

    useCase.decide(decision(Gate.USE_CASE_APPROVAL, Outcome.REQUEST_CHANGES, "gov1", digest));
    lifecycle.awaitUseCase(useCase, state -> state.stage() == Stage.CHANGES_REQUESTED);

    lifecycle.assertRefused("use-case-uc-20", () -> useCase.revise(new Revision("po2", revised, "I'll fix it")),
        Refusal.NOT_OWNER, "po1 owns use case uc-20; only the owner may revise it.");
    UseCaseDefinition newOwner = new UseCaseDefinition(revised.name(), revised.businessProblem(),
        revised.stakeholders(), revised.lineOfBusiness(), revised.intendedUse(), "po2", revised.risk(),
        revised.dataSources(), revised.dataset(), revised.protectedFacets());
    lifecycle.assertRefused("use-case-uc-20", () -> useCase.revise(new Revision(OWNER, newOwner, "handing over")),
        Refusal.NOT_OWNER, "may not change the owner");
    assertThat(useCase.state().revision()).isEqualTo(1);
  }

  @Test
  void ownerCannotApproveOwnUseCase() {
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-21", RiskLevel.LOW);
    String digest = gate(useCase.state(), Gate.USE_CASE_APPROVAL).evidenceDigest();

    lifecycle.assertRefused("use-case-uc-21",
        () -> useCase.decide(decision(Gate.USE_CASE_APPROVAL, Outcome.APPROVE, OWNER, digest)),
        Refusal.OWNER_CANNOT_DECIDE, "po1 owns use case uc-21; another governance member must decide.");
    assertThat(useCase.state().stage()).isEqualTo(Stage.AWAITING_USE_CASE_APPROVAL);
  }

  @Test
  void deciderWithoutTheGatesRoleIsRefused() {
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-22", RiskLevel.LOW);
    String digest = gate(useCase.state(), Gate.USE_CASE_APPROVAL).evidenceDigest();

    lifecycle.assertRefused("use-case-uc-22",
        () -> useCase.decide(new Decision(Gate.USE_CASE_APPROVAL, Outcome.APPROVE, "ok",
            "auditor1", List.of("auditor"), digest)),
        Refusal.WRONG_ROLE, "auditor1 may not decide USE_CASE_APPROVAL: it needs the role governance.");
  }

  @Test
  void decisionAtAGateThatIsNotOpenIsRefused() {
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-23", RiskLevel.LOW);
    String digest = gate(useCase.state(), Gate.USE_CASE_APPROVAL).evidenceDigest();

    lifecycle.assertRefused("use-case-uc-23",
        () -> useCase.decide(decision(Gate.GOVERNANCE_SIGN_OFF, Outcome.APPROVE, "gov1", digest)),
        Refusal.GATE_NOT_OPEN, "GOVERNANCE_SIGN_OFF is not open");

    lifecycle.approveUseCase(useCase, "gov1");
    lifecycle.awaitSignOffGate(useCase);
    lifecycle.assertRefused("use-case-uc-23",
        () -> useCase.decide(decision(Gate.USE_CASE_APPROVAL, Outcome.APPROVE, "gov2", digest)),
        Refusal.GATE_NOT_OPEN, "USE_CASE_APPROVAL is not open");
  }

  @Test
  void retriedDecisionWithSameKeyDecidesOnce() {
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-24", RiskLevel.LOW);
    String digest = gate(useCase.state(), Gate.USE_CASE_APPROVAL).evidenceDigest();
    Decision approval = decision(Gate.USE_CASE_APPROVAL, Outcome.APPROVE, "gov1", digest);

    GateOutcome first = lifecycle.decideWithKey("use-case-uc-24", approval, "idem-key-1");
    GateOutcome retried = lifecycle.decideWithKey("use-case-uc-24", approval, "idem-key-1");

    assertThat(retried).isEqualTo(first);
    assertThat(first.decisionId()).isEqualTo("idem-key-1");
    UseCaseState state = useCase.state();
    assertThat(state.decisions()).extracting(DecisionRecord::decisionId).containsExactly("idem-key-1");
    assertThat(state.decidedUpdateIds()).containsExactly("idem-key-1");
    assertThat(lifecycle.acceptedUpdates("use-case-uc-24")).isEqualTo(1);
    verify(lifecycle.registry, times(1)).recordDecision(argThat(record -> record.useCaseId().equals("uc-24")),
        any());
  }

  static UseCaseDefinition withIntendedUse(UseCaseDefinition definition, String intendedUse) {
    return new UseCaseDefinition(definition.name(), definition.businessProblem(), definition.stakeholders(),
        definition.lineOfBusiness(), intendedUse, definition.owner(), definition.risk(), definition.dataSources(),
        definition.dataset(), definition.protectedFacets());
  }
}
