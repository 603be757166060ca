package io.govflow.usecase;

import static io.govflow.usecase.LifecycleFixture.decideOn;
import static io.govflow.usecase.LifecycleFixture.decision;
import static io.govflow.usecase.LifecycleFixture.gate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.govflow.approval.Decision;
import io.govflow.approval.Gate;
import io.govflow.approval.GateEvent;
import io.govflow.approval.GateOutcome;
import io.govflow.approval.Outcome;
import io.govflow.approval.Refusal;
import io.govflow.common.WorkflowIds;
import io.govflow.deployment.DeploymentRequest;
import io.govflow.deployment.Environment;
import io.govflow.modelversion.ModelVersionState;
import io.govflow.monitoring.FindingAction;
import io.govflow.monitoring.FindingStatus;
import io.govflow.monitoring.MonitoringFinding;
import io.govflow.monitoring.MonitoringRunRequest;
import io.govflow.monitoring.MonitoringState;
import io.govflow.monitoring.MonitoringWorkflow;
import io.govflow.policy.Severity;
import io.govflow.registry.ProductionChange;
import io.govflow.registry.UseCaseSnapshot;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

/** Steps 9–14 with time skipping: deployment, validation, production, monitoring, re-validation, review, retirement. */
class ProductionLifecycleTest {

  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL = LifecycleFixture.extension();

  private final LifecycleFixture lifecycle = new LifecycleFixture();

  @BeforeEach
  void startTemporal(TestWorkflowEnvironment env, Worker worker) {
    lifecycle.start(env, worker);
  }

  @Test
  void approvedProductionDeploysWithBaselineRecordsHistoryAndStartsMonitoring() {
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-40", RiskLevel.LOW);

    UseCaseState serving = lifecycle.toProduction(useCase);

    ModelVersionState version = serving.modelVersions().get(0);
    assertThat(version.stage()).isEqualTo(Stage.IN_PRODUCTION);
    assertThat(version.evidence()).extracting("name").contains("endpoint-validation",
        "monitoring-baseline-statistics", "monitoring-baseline-constraints", "monitoring-model-quality-constraints");
    assertThat(serving.production().modelVersionId()).isEqualTo("uc-40-v1");
    assertThat(serving.endpoints()).extracting("environment")
        .containsExactlyInAnyOrder(Environment.TEST, Environment.PRODUCTION);
    ArgumentCaptor<DeploymentRequest> deployments = ArgumentCaptor.forClass(DeploymentRequest.class);
    verify(lifecycle.deployment, atLeastOnce()).deploy(deployments.capture());
    assertThat(deployments.getAllValues()).extracting(DeploymentRequest::environment)
        .containsExactly(Environment.TEST, Environment.PRODUCTION);
    ArgumentCaptor<ProductionChange> change = ArgumentCaptor.forClass(ProductionChange.class);
    verify(lifecycle.registry).recordProductionChange(change.capture(), any());
    assertThat(change.getValue().modelVersionId()).isEqualTo("uc-40-v1");
    assertThat(change.getValue().decisionIds()).hasSize(2);
    assertThat(monitoring("uc-40").state().version().modelVersionId()).isEqualTo("uc-40-v1");
  }

  /**
   * The case mirrors its first version's IN_PRODUCTION before the finished version is adopted; the state is queried
   * right then, while the workflow waits for the inventory to record the stage.
   */
  @Test
  void readerNeverSeesInProductionWithoutTheVersionServingProduction() {
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-49", RiskLevel.LOW);
    List<UseCaseState> seenInProduction = new CopyOnWriteArrayList<>();
    doAnswer(call -> {
      if (call.<UseCaseSnapshot>getArgument(0).stage() == Stage.IN_PRODUCTION) {
        seenInProduction.add(useCase.state());
      }
      return null;
    }).when(lifecycle.registry).recordUseCase(any(), any());

    lifecycle.toProduction(useCase);

    assertThat(seenInProduction).isNotEmpty().allSatisfy(state -> {
      assertThat(state.stage()).isEqualTo(Stage.IN_PRODUCTION);
      assertThat(state.production().modelVersionId()).isEqualTo("uc-49-v1");
      assertThat(state.endpoints()).extracting("environment")
          .containsExactlyInAnyOrder(Environment.TEST, Environment.PRODUCTION);
    });
  }

  @Test
  void failedValidationInTestKeepsTheVersionThereWithoutAProductionGate() {
    when(lifecycle.validation.validate(any())).thenReturn(LifecycleFixture.validation(false));
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-41", RiskLevel.LOW);
    lifecycle.approveUseCase(useCase, "gov1");
    LifecycleFixture.signOff(lifecycle.awaitSignOffGate(useCase), Outcome.APPROVE, "gov1", "fine");

    UseCaseState kept = lifecycle.awaitUseCase(useCase, state -> state.stage() == Stage.VALIDATION_FAILED);

    assertThat(kept.openGates()).isEmpty();
    assertThat(kept.production()).isNull();
    verify(lifecycle.registry).recordPolicyResult(eq("uc-41-v1"),
        argThat(result -> !result.passed() && result.policyVersion().equals("endpoint-validation-1")), any());
    verify(lifecycle.deployment, never()).deploy(argThat(request -> request.environment() == Environment.PRODUCTION));
  }

  @Test
  void productionRejectionKeepsTheVersionInTest() {
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-42", RiskLevel.LOW);
    lifecycle.approveUseCase(useCase, "gov1");
    LifecycleFixture.signOff(lifecycle.awaitSignOffGate(useCase), Outcome.APPROVE, "gov1", "fine");

    GateOutcome rejected = decideOn(lifecycle.awaitModelVersionGate(useCase, Gate.PRODUCTION_APPROVAL),
        Gate.PRODUCTION_APPROVAL, Outcome.REJECT, "gov2", "change board: not this quarter");

    assertThat(rejected.stage()).isEqualTo(Stage.KEPT_IN_TEST.name());
    UseCaseState kept = lifecycle.awaitUseCase(useCase,
        state -> state.stage() == Stage.KEPT_IN_TEST && !state.endpoints().isEmpty());
    assertThat(kept.endpoints()).extracting("environment").containsExactly(Environment.TEST);
    assertThat(kept.monitoringStarted()).isFalse();
  }

  @Test
  void ownerCannotApproveProduction() {
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-43", RiskLevel.LOW);
    lifecycle.approveUseCase(useCase, "gov1");
    LifecycleFixture.signOff(lifecycle.awaitSignOffGate(useCase), Outcome.APPROVE, "gov1", "fine");
    var modelVersion = lifecycle.awaitModelVersionGate(useCase, Gate.PRODUCTION_APPROVAL);

    lifecycle.assertRefused("model-version-uc-43-v1",
        () -> decideOn(modelVersion, Gate.PRODUCTION_APPROVAL, Outcome.APPROVE, LifecycleFixture.OWNER, "ship it"),
        Refusal.OWNER_CANNOT_DECIDE, "another governance member must decide");
  }

  @Test
  void aYearOfDailyMonitoringStaysBoundedAndTheMissedReviewEscalates() {
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-44", RiskLevel.HIGH, LifecycleFixture.DAILY_MONITORING);
    lifecycle.toProductionHighRisk(useCase);

    lifecycle.env().sleep(java.time.Duration.ofDays(365 + 6));

    UseCaseState reviewing = lifecycle.awaitUseCase(useCase,
        state -> state.stage() == Stage.AWAITING_PERIODIC_REVIEW
            && state.gateEvents().stream().anyMatch(event -> event.kind() == GateEvent.Kind.ESCALATION));
    assertThat(gate(reviewing, Gate.PERIODIC_REVIEW).workflowId()).isEqualTo("use-case-uc-44");
    MonitoringState monitored = monitoring("uc-44").state();
    assertThat(monitored.runs()).isBetween(370L, 372L);
    var history = lifecycle.client().fetchHistory(WorkflowIds.monitoring("uc-44"));
    assertThat(history.getEvents().size()).as("events in the monitoring run's history").isLessThan(500);
    assertThat(lifecycle.client().fetchHistory(WorkflowIds.useCase("uc-44")).getEvents().size()).isLessThan(2000);

    lifecycle.decideUseCaseGate(useCase, Gate.PERIODIC_REVIEW, Outcome.APPROVE, "gov3");
    UseCaseState reviewed = lifecycle.awaitUseCase(useCase, state -> state.stage() == Stage.IN_PRODUCTION);
    assertThat(reviewed.nextReviewAt()).isAfter(reviewed.lastReviewAt().plus(java.time.Duration.ofDays(364)));
  }

  @Test
  void highSeverityFindingOpensRevalidationWhoseRetrainReplacesTheProductionVersion() {
    doAnswer(call -> {
      MonitoringRunRequest request = call.getArgument(0);
      return request.modelVersionId().endsWith("-v1") ? LifecycleFixture.driftedRun(request) : LifecycleFixture.quietRun(request);
    }).when(lifecycle.monitoring).runMonitoring(any());
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-45", RiskLevel.HIGH);
    lifecycle.toProductionHighRisk(useCase);

    lifecycle.env().sleep(java.time.Duration.ofHours(2));
    UseCaseState revalidating = lifecycle.awaitUseCase(useCase,
        state -> state.stage() == Stage.AWAITING_REVALIDATION);
    assertThat(revalidating.revalidationFindings()).extracting(MonitoringFinding::severity)
        .containsOnly(Severity.HIGH);
    assertThat(revalidating.revalidationFindings()).extracting(MonitoringFinding::subject)
        .containsExactlyInAnyOrder("age", "credit_amount");

    lifecycle.decideUseCaseGate(useCase, Gate.REVALIDATION, Outcome.RETRAIN, "gov1");
    lifecycle.awaitUseCase(useCase, state -> state.stage() == Stage.RETRAINING);
    var v2 = lifecycle.awaitModelVersionGate(useCase, Gate.GOVERNANCE_SIGN_OFF);
    assertThat(useCase.state().production().modelVersionId()).as("v1 serves during retraining")
        .isEqualTo("uc-45-v1");
    decideOn(v2, Gate.GOVERNANCE_SIGN_OFF, Outcome.APPROVE, "gov1", "retrained on recent data");
    decideOn(v2, Gate.GOVERNANCE_SIGN_OFF, Outcome.APPROVE, "gov2", "concur");
    var production = lifecycle.awaitModelVersionGate(useCase, Gate.PRODUCTION_APPROVAL);
    decideOn(production, Gate.PRODUCTION_APPROVAL, Outcome.APPROVE, "gov1", "ship");
    decideOn(production, Gate.PRODUCTION_APPROVAL, Outcome.APPROVE, "gov3", "ship");

    UseCaseState replaced = lifecycle.awaitUseCase(useCase, state -> state.stage() == Stage.IN_PRODUCTION
        && state.production().modelVersionId().equals("uc-45-v2"));
    assertThat(replaced.revalidationFindings()).isEmpty();
    ArgumentCaptor<ProductionChange> changes = ArgumentCaptor.forClass(ProductionChange.class);
    verify(lifecycle.registry, atLeastOnce()).recordProductionChange(changes.capture(), any());
    assertThat(changes.getAllValues()).extracting(ProductionChange::modelVersionId)
        .containsExactly("uc-45-v1", "uc-45-v2");
    lifecycle.env().sleep(java.time.Duration.ofHours(2));
    assertThat(monitoring("uc-45").state().version().modelVersionId()).isEqualTo("uc-45-v2");
  }

  @Test
  void findingsAreAcknowledgedResolvedWithACommentAndEscalatedPastTheirSla() {
    doAnswer(call -> {
      MonitoringRunRequest request = call.getArgument(0);
      return request.runId().endsWith("-run-1") ? LifecycleFixture.driftedRun(request) : LifecycleFixture.quietRun(request);
    }).when(lifecycle.monitoring).runMonitoring(any());
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-46", RiskLevel.LOW);
    lifecycle.toProduction(useCase);
    lifecycle.env().sleep(java.time.Duration.ofHours(1).plusMinutes(5));
    MonitoringWorkflow monitor = monitoring("uc-46");
    MonitoringFinding drift = awaitFindings(monitor, 2).get(0);
    assertThat(drift.severity()).as("drift on a low-risk model").isEqualTo(Severity.MEDIUM);

    lifecycle.assertRefused(WorkflowIds.monitoring("uc-46"),
        () -> monitor.resolve(new FindingAction(drift.findingId(), " ", "ops1", List.of("operator"))),
        Refusal.COMMENT_REQUIRED, "needs a comment");
    lifecycle.assertRefused(WorkflowIds.monitoring("uc-46"),
        () -> monitor.acknowledge(new FindingAction(drift.findingId(), null, "audit1", List.of("auditor"))),
        Refusal.WRONG_ROLE, "governance or operator");
    assertThat(monitor.acknowledge(new FindingAction(drift.findingId(), null, "ops1", List.of("operator"))).status())
        .isEqualTo(FindingStatus.ACKNOWLEDGED);

    lifecycle.env().sleep(java.time.Duration.ofDays(15));
    MonitoringFinding escalated = monitor.state().unresolvedFindings().get(0);
    assertThat(escalated.escalations()).isEqualTo(1);

    MonitoringFinding resolved = monitor.resolve(new FindingAction(drift.findingId(), "upstream feed fixed", "ops1",
        List.of("operator")));
    assertThat(resolved.status()).isEqualTo(FindingStatus.RESOLVED);
    assertThat(monitor.state().unresolvedFindings()).hasSize(1);
    lifecycle.assertRefused(WorkflowIds.monitoring("uc-46"),
        () -> monitor.resolve(new FindingAction(drift.findingId(), "again", "ops1", List.of("operator"))),
        Refusal.FINDING_NOT_FOUND, "is not open");
  }

  @Test
  void retirementRemovesEndpointsStopsMonitoringClosesProductionAndArchivesCards() {
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-47", RiskLevel.LOW);
    lifecycle.toProduction(useCase);

    lifecycle.assertRefused("use-case-uc-47", () -> useCase.retire(retirement(LifecycleFixture.OWNER)),
        Refusal.OWNER_CANNOT_DECIDE, "another governance member must retire it");
    UseCaseState retired = useCase.retire(retirement("gov1"));

    assertThat(retired.stage()).isEqualTo(Stage.RETIRED);
    assertThat(retired.endpoints()).isEmpty();
    assertThat(retired.production()).isNull();
    verify(lifecycle.deployment).undeploy("gf-uc-47-test");
    verify(lifecycle.deployment).undeploy("gf-uc-47-prod");
    verify(lifecycle.projects).archiveModelCard("uc-47", "uc-47-v1");
    verify(lifecycle.registry).recordProductionChange(argThat(change -> change.modelVersionId() == null), any());
    assertThat(lifecycle.result(useCase).stage()).isEqualTo(Stage.RETIRED);
    assertThat(lifecycle.client().newUntypedWorkflowStub(WorkflowIds.monitoring("uc-47"))
        .getResult(MonitoringState.class).stopped()).isTrue();
  }

  @Test
  void retirementWhileAwaitingProductionApprovalWithdrawsTheVersion() {
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-48", RiskLevel.LOW);
    lifecycle.approveUseCase(useCase, "gov1");
    LifecycleFixture.signOff(lifecycle.awaitSignOffGate(useCase), Outcome.APPROVE, "gov1", "fine");
    lifecycle.awaitModelVersionGate(useCase, Gate.PRODUCTION_APPROVAL);

    UseCaseState retired = useCase.retire(retirement("gov2"));

    assertThat(retired.stage()).isEqualTo(Stage.RETIRED);
    assertThat(retired.modelVersions().get(0).stage()).isEqualTo(Stage.WITHDRAWN);
    verify(lifecycle.deployment).undeploy("gf-uc-48-test");
  }

  private static Decision retirement(String actor) {
    return decision(Gate.RETIREMENT, Outcome.APPROVE, actor, null);
  }

  private MonitoringWorkflow monitoring(String useCaseId) {
    return lifecycle.client().newWorkflowStub(MonitoringWorkflow.class, WorkflowIds.monitoring(useCaseId));
  }

  private List<MonitoringFinding> awaitFindings(MonitoringWorkflow monitor, int count) {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
    while (monitor.state().unresolvedFindings().size() < count) {
      assertThat(System.nanoTime()).as("findings never raised").isLessThan(deadline);
      Thread.onSpinWait();
    }
    return monitor.state().unresolvedFindings();
  }
}
