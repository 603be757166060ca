package io.govflow.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.govflow.approval.Decision;
import io.govflow.approval.Gate;
import io.govflow.approval.GateOutcome;
import io.govflow.approval.GatePolicy;
import io.govflow.approval.OpenGate;
import io.govflow.approval.Outcome;
import io.govflow.approval.Refusal;
import io.govflow.common.Digests;
import io.govflow.common.GovflowDataConverter;
import io.govflow.common.GovflowSearchAttributes;
import io.govflow.common.LifecycleWorkflows;
import io.govflow.common.WorkflowIds;
import io.govflow.dataevaluation.DataEvaluation;
import io.govflow.dataevaluation.DataEvaluationActivities;
import io.govflow.deployment.DeploymentActivities;
import io.govflow.deployment.DeploymentRequest;
import io.govflow.deployment.EndpointNames;
import io.govflow.deployment.EndpointRef;
import io.govflow.evaluation.ModelEvaluation;
import io.govflow.evaluation.ModelEvaluationActivities;
import io.govflow.evidence.EvidenceRef;
import io.govflow.modelversion.ModelVersionState;
import io.govflow.modelversion.ModelVersionStatus;
import io.govflow.modelversion.ModelVersionWorkflow;
import io.govflow.monitoring.MonitoringActivities;
import io.govflow.monitoring.MonitoringBaseline;
import io.govflow.monitoring.MonitoringPolicy;
import io.govflow.monitoring.Monitor;
import io.govflow.monitoring.MonitoringRun;
import io.govflow.monitoring.MonitoringRunRequest;
import io.govflow.monitoring.MonitoringViolation;
import io.govflow.policy.Comparison;
import io.govflow.policy.Finding;
import io.govflow.policy.GovernanceCheckActivities;
import io.govflow.policy.PolicyResult;
import io.govflow.policy.Severity;
import io.govflow.project.ProjectActivities;
import io.govflow.project.ProjectRef;
import io.govflow.registry.RegistryActivities;
import io.govflow.signoff.SignOffActivities;
import io.govflow.signoff.SignOffRequest;
import io.govflow.training.CandidateModel;
import io.govflow.training.TrainingActivities;
import io.govflow.training.TrainingJobRef;
import io.govflow.training.TrainingResult;
import io.govflow.validation.EndpointValidation;
import io.govflow.validation.EndpointValidationActivities;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The lifecycle under test: both workflows on an in-memory, time-skipping Temporal with govflow's data converter and
 * search attributes, every activity a Mockito mock answering like a provider would, and the moves a person makes.
 */
public final class LifecycleFixture {

  public static final String OWNER = "po1";
  public static final String GOVERNANCE = "governance";
  public static final GatePolicy DEADLINES = new GatePolicy(Duration.ofDays(2), Duration.ofDays(5));
  public static final String POLICY_VERSION = "low-2026.1";
  /** Daily runs, so that a simulated year stays quick; SLAs and review periods as shipped. */
  public static final MonitoringPolicy DAILY_MONITORING = new MonitoringPolicy(
      Map.of(RiskLevel.LOW, Duration.ofDays(1), RiskLevel.MEDIUM, Duration.ofDays(1), RiskLevel.HIGH,
          Duration.ofDays(1)),
      MonitoringPolicy.defaults().findingSla());

  public final ProjectActivities projects = mock(ProjectActivities.class, withSettings().withoutAnnotations());
  public final DataEvaluationActivities dataEvaluation =
      mock(DataEvaluationActivities.class, withSettings().withoutAnnotations());
  public final TrainingActivities training = mock(TrainingActivities.class, withSettings().withoutAnnotations());
  public final ModelEvaluationActivities modelEvaluation =
      mock(ModelEvaluationActivities.class, withSettings().withoutAnnotations());
  public final GovernanceCheckActivities governanceCheck =
      mock(GovernanceCheckActivities.class, withSettings().withoutAnnotations());
  public final SignOffActivities signOffs = mock(SignOffActivities.class, withSettings().withoutAnnotations());
  public final RegistryActivities registry = mock(RegistryActivities.class, withSettings().withoutAnnotations());
  public final DeploymentActivities deployment =
      mock(DeploymentActivities.class, withSettings().withoutAnnotations());
  public final EndpointValidationActivities validation =
      mock(EndpointValidationActivities.class, withSettings().withoutAnnotations());
  public final MonitoringActivities monitoring = mock(MonitoringActivities.class, withSettings().withoutAnnotations());

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private String taskQueue;

  public static TestWorkflowExtension extension() {
    TestWorkflowExtension.Builder builder = TestWorkflowExtension.newBuilder()
        .setWorkflowClientOptions(
            WorkflowClientOptions.newBuilder().setDataConverter(GovflowDataConverter.create()).build())
        .registerWorkflowImplementationTypes(LifecycleWorkflows.types())
        .setDoNotStart(true);
    GovflowSearchAttributes.ALL.forEach(
        key -> builder.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    return builder.build();
  }

  /** Registers the mocks, answering for a passing low-risk version, and starts the environment. */
  public LifecycleFixture start(TestWorkflowEnvironment env, Worker worker) {
    this.env = env;
    this.client = env.getWorkflowClient();
    this.taskQueue = worker.getTaskQueue();
    when(projects.setUpProject(any())).thenReturn(
        new ProjectRef("project-uc-17", "gf-uc-17", evidence(EvidenceRef.MODEL_CARD)));
    when(dataEvaluation.evaluateData(any())).thenReturn(new DataEvaluation(1000,
        List.of(evidence(EvidenceRef.DATA_STATISTICS), evidence(EvidenceRef.PRE_TRAINING_BIAS))));
    when(training.startTraining(any())).thenReturn(new TrainingJobRef("gf-uc-17-v1-train", "jobs/gf-uc-17-v1-train"));
    when(training.awaitTraining(any(), any())).thenReturn(new TrainingResult("gf-uc-17-v1-train",
        "models/uc-17-v1/model.bin", "data/uc-17-v1/test.csv", Map.of("accuracy", 0.76),
        evidence(EvidenceRef.TRAINING_METRICS)));
    when(training.registerCandidate(any())).thenReturn(candidate(ModelVersionStatus.PendingManualApproval));
    when(modelEvaluation.evaluateModel(any())).thenReturn(new ModelEvaluation(
        List.of(evidence(EvidenceRef.MODEL_QUALITY), evidence(EvidenceRef.POST_TRAINING_BIAS))));
    when(governanceCheck.check(any())).thenReturn(policyResult(true));
    when(signOffs.recordSignOff(any())).thenAnswer(call -> candidate(
        call.<SignOffRequest>getArgument(0).outcome() == Outcome.APPROVE
            ? ModelVersionStatus.Approved
            : ModelVersionStatus.Rejected));
    when(deployment.deploy(any())).thenAnswer(call -> endpoint(call.getArgument(0)));
    when(validation.validate(any())).thenReturn(validation(true));
    when(monitoring.createBaseline(any())).thenReturn(new MonitoringBaseline(
        evidence(MonitoringBaseline.STATISTICS), evidence(MonitoringBaseline.CONSTRAINTS),
        evidence(MonitoringBaseline.MODEL_QUALITY_CONSTRAINTS), evidence(EvidenceRef.POST_TRAINING_BIAS)));
    when(monitoring.runMonitoring(any())).thenAnswer(call -> quietRun(call.getArgument(0)));
    worker.registerActivitiesImplementations(projects, dataEvaluation, training, modelEvaluation, governanceCheck,
        signOffs, registry, deployment, validation, monitoring);
    env.start();
    return this;
  }

  public static UseCaseDefinition creditScoring(RiskLevel risk) {
    return new UseCaseDefinition(
        "Credit scoring",
        "Decide which consumer credit applications need a manual review",
        List.of("retail credit risk", "compliance"),
        "retail-lending",
        "rank applications for manual review; never decline automatically",
        OWNER,
        new RiskRating(risk, List.of("affects access to credit")),
        List.of("credit-g"),
        new Dataset("data/credit-g.csv", "class", "good"),
        List.of(new ProtectedFacet("personal_status", List.of("female div/dep/mar"), null)));
  }

  public static EvidenceRef evidence(String name) {
    return new EvidenceRef(name, "artifacts/uc-17/uc-17-v1/" + name + ".json", Digests.sha256(name),
        "application/json");
  }

  public static CandidateModel candidate(ModelVersionStatus status) {
    return new CandidateModel("gf-uc-17/1", "gf-uc-17", "models/uc-17-v1/model.bin", "data/uc-17-v1/test.csv",
        status);
  }

  public static PolicyResult policyResult(boolean passed) {
    Finding disparateImpact = new Finding("post-training-bias.DI", "disparate impact within the four-fifths rule",
        EvidenceRef.POST_TRAINING_BIAS, "DI", "female div/dep/mar", Comparison.AT_LEAST, 0.8,
        passed ? 0.91 : 0.62, passed, Severity.HIGH);
    return new PolicyResult("LOW", POLICY_VERSION, passed, List.of(disparateImpact),
        evidence(EvidenceRef.POLICY_RESULT));
  }

  public static EndpointRef endpoint(DeploymentRequest request) {
    String name = EndpointNames.of(request.useCaseId(), request.environment());
    return new EndpointRef(name, request.environment(), "http://127.0.0.1:8082/endpoints/" + name + "/invocations",
        request.modelVersionId(), "data-capture/" + name);
  }

  public static EndpointValidation validation(boolean passed) {
    Finding latency = new Finding("endpoint.latency-p99", "p99 latency within the contract", "endpoint-validation",
        "latencyP99Millis", "endpoint", Comparison.AT_MOST, 500, passed ? 6.5 : 900.0, passed, Severity.MEDIUM);
    return new EndpointValidation(passed, List.of(latency), 0.7, passed ? 6.5 : 900.0,
        evidence(EndpointValidation.EVIDENCE_NAME));
  }

  /** A run over traffic that matches the baseline: records read, nothing violated. */
  public static MonitoringRun quietRun(MonitoringRunRequest request) {
    return new MonitoringRun(request.runId(), request.useCaseId(), request.modelVersionId(), request.windowStart(),
        request.windowEnd(), 120, 0, List.of(evidence("data-quality-violations")), List.of());
  }

  /** What Model Monitor reports for credit-g with ages plus 15 years and credit amounts doubled. */
  public static MonitoringRun driftedRun(MonitoringRunRequest request) {
    return new MonitoringRun(request.runId(), request.useCaseId(), request.modelVersionId(), request.windowStart(),
        request.windowEnd(), 1000, 0, List.of(evidence("data-quality-violations")), List.of(
            new MonitoringViolation(Monitor.DATA_QUALITY, "baseline_drift_check", "age",
                "Baseline drift distance 0.53 exceeds threshold 0.1", "data-quality-violations"),
            new MonitoringViolation(Monitor.DATA_QUALITY, "baseline_drift_check", "credit_amount",
                "Baseline drift distance 0.41 exceeds threshold 0.1", "data-quality-violations")));
  }

  public UseCaseState useCaseState(String useCaseId) {
    return client.newWorkflowStub(UseCaseWorkflow.class, WorkflowIds.useCase(useCaseId)).state();
  }

  /** Starts use case {@code useCaseId} and returns its stub once the approval gate is open. */
  public UseCaseWorkflow startUseCase(String useCaseId, RiskLevel risk) {
    return startUseCase(useCaseId, risk, MonitoringPolicy.defaults());
  }

  public UseCaseWorkflow startUseCase(String useCaseId, RiskLevel risk, MonitoringPolicy monitoring) {
    UseCaseWorkflow useCase = client.newWorkflowStub(UseCaseWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.useCase(useCaseId))
        .setTaskQueue(taskQueue)
        .build());
    WorkflowClient.start(useCase::run, new UseCaseStart(useCaseId, creditScoring(risk), DEADLINES, monitoring,
        ReviewPolicy.defaults(), null));
    awaitUseCase(useCase, state -> gate(state, Gate.USE_CASE_APPROVAL) != null);
    return useCase;
  }

  /** Polls the use case's query until {@code condition} holds; time does not skip while a test only queries. */
  public UseCaseState awaitUseCase(UseCaseWorkflow useCase, Predicate<UseCaseState> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    UseCaseState state = useCase.state();
    while (!condition.test(state)) {
      assertThat(System.nanoTime()).as("use case never reached the expected state: %s", state).isLessThan(deadline);
      sleep();
      state = useCase.state();
    }
    return state;
  }

  public static OpenGate gate(UseCaseState state, Gate gate) {
    return state.openGates().stream().filter(open -> open.gate() == gate).findFirst().orElse(null);
  }

  /** Approves the use case as governance member {@code actor} on the evidence the gate shows. */
  public GateOutcome approveUseCase(UseCaseWorkflow useCase, String actor) {
    OpenGate open = gate(useCase.state(), Gate.USE_CASE_APPROVAL);
    return useCase.decide(decision(Gate.USE_CASE_APPROVAL, Outcome.APPROVE, actor, open.evidenceDigest()));
  }

  /** Waits for the model version's sign-off gate and returns the stub of the workflow that holds it. */
  public ModelVersionWorkflow awaitSignOffGate(UseCaseWorkflow useCase) {
    OpenGate open = gate(awaitUseCase(useCase, state -> gate(state, Gate.GOVERNANCE_SIGN_OFF) != null),
        Gate.GOVERNANCE_SIGN_OFF);
    return client.newWorkflowStub(ModelVersionWorkflow.class, open.workflowId());
  }

  public static GateOutcome signOff(ModelVersionWorkflow modelVersion, Outcome outcome, String actor, String comment) {
    return decideOn(modelVersion, Gate.GOVERNANCE_SIGN_OFF, outcome, actor, comment);
  }

  /** Decides the gate the model version holds open, on the evidence it shows. */
  public static GateOutcome decideOn(
      ModelVersionWorkflow modelVersion, Gate gate, Outcome outcome, String actor, String comment) {
    ModelVersionState state = modelVersion.state();
    return modelVersion.decide(new Decision(gate, outcome, comment, actor, List.of(GOVERNANCE),
        state.evidenceDigest()));
  }

  /** Waits until {@code gate} is open anywhere in the use case and returns the stub of the workflow holding it. */
  public ModelVersionWorkflow awaitModelVersionGate(UseCaseWorkflow useCase, Gate gate) {
    OpenGate open = gate(awaitUseCase(useCase, state -> gate(state, gate) != null), gate);
    return client.newWorkflowStub(ModelVersionWorkflow.class, open.workflowId());
  }

  /** Decides the use case's own open {@code gate} (re-validation, periodic review) as {@code actor}. */
  public GateOutcome decideUseCaseGate(UseCaseWorkflow useCase, Gate gate, Outcome outcome, String actor) {
    OpenGate open = gate(awaitUseCase(useCase, state -> gate(state, gate) != null), gate);
    return useCase.decide(decision(gate, outcome, actor, open.evidenceDigest()));
  }

  /** Approves the use case, signs off and approves production with single approvals (low risk). */
  public UseCaseState toProduction(UseCaseWorkflow useCase) {
    approveUseCase(useCase, "gov1");
    signOff(awaitSignOffGate(useCase), Outcome.APPROVE, "gov1", "meets the low-risk policy");
    decideOn(awaitModelVersionGate(useCase, Gate.PRODUCTION_APPROVAL), Gate.PRODUCTION_APPROVAL, Outcome.APPROVE,
        "gov2", "validated in test");
    return awaitUseCase(useCase, state -> state.stage() == Stage.IN_PRODUCTION && state.monitoringStarted());
  }

  /** The same for high risk: two distinct approvers at sign-off and at production approval. */
  public UseCaseState toProductionHighRisk(UseCaseWorkflow useCase) {
    approveUseCase(useCase, "gov1");
    ModelVersionWorkflow version = awaitSignOffGate(useCase);
    signOff(version, Outcome.APPROVE, "gov1", "meets the high-risk policy");
    signOff(version, Outcome.APPROVE, "gov2", "concur");
    ModelVersionWorkflow production = awaitModelVersionGate(useCase, Gate.PRODUCTION_APPROVAL);
    decideOn(production, Gate.PRODUCTION_APPROVAL, Outcome.APPROVE, "gov1", "validated in test");
    decideOn(production, Gate.PRODUCTION_APPROVAL, Outcome.APPROVE, "gov3", "change board approves");
    return awaitUseCase(useCase, state -> state.stage() == Stage.IN_PRODUCTION && state.monitoringStarted());
  }

  public static Decision decision(Gate gate, Outcome outcome, String actor, String digest) {
    return new Decision(gate, outcome, "reviewed against the model risk standard", actor, List.of(GOVERNANCE), digest);
  }

  /** Decides with an explicit update id, as the API does with a client's Idempotency-Key. */
  public GateOutcome decideWithKey(String workflowId, Decision decision, String key) {
    return client.newUntypedWorkflowStub(workflowId)
        .startUpdate(UpdateOptions.newBuilder(GateOutcome.class)
                .setUpdateName("decide")
                .setUpdateId(key)
                .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                .build(),
            decision)
        .getResult();
  }

  public UseCaseState result(UseCaseWorkflow useCase) {
    return WorkflowStub.fromTyped(useCase).getResult(UseCaseState.class);
  }

  /** Asserts that {@code update} is refused with {@code refusal} and that the refusal left no trace in history. */
  public void assertRefused(String workflowId, Runnable update, Refusal refusal, String messagePart) {
    int updatesBefore = acceptedUpdates(workflowId);
    assertThatThrownBy(update::run)
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(refusal.name());
          assertThat(failure.getOriginalMessage()).contains(messagePart);
        });
    assertThat(acceptedUpdates(workflowId)).as("updates in history").isEqualTo(updatesBefore);
  }

  public int acceptedUpdates(String workflowId) {
    return (int) client.fetchHistory(workflowId).getEvents().stream()
        .filter(event -> event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
        .count();
  }

  public WorkflowClient client() {
    return client;
  }

  public TestWorkflowEnvironment env() {
    return env;
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
