package io.govflow.modelversion;

import static io.govflow.common.ActivityProfiles.COMPUTE;
import static io.govflow.common.ActivityProfiles.DEPLOY;
import static io.govflow.common.ActivityProfiles.PROVISION;
import static io.govflow.common.ActivityProfiles.RECORD;
import static io.govflow.common.ActivityProfiles.summarised;

import io.govflow.approval.Decision;
import io.govflow.approval.DecisionRecord;
import io.govflow.approval.Gate;
import io.govflow.approval.GateEvent;
import io.govflow.approval.GateKeeper;
import io.govflow.approval.GateOutcome;
import io.govflow.approval.OpenGate;
import io.govflow.approval.Outcome;
import io.govflow.common.Digests;
import io.govflow.common.WorkflowIds;
import io.govflow.common.WorkflowProgress;
import io.govflow.dataevaluation.DataEvaluationActivities;
import io.govflow.dataevaluation.DataEvaluationRequest;
import io.govflow.deployment.DeploymentActivities;
import io.govflow.deployment.DeploymentRequest;
import io.govflow.deployment.EndpointRef;
import io.govflow.deployment.Environment;
import io.govflow.evaluation.ModelEvaluationActivities;
import io.govflow.evaluation.ModelEvaluationRequest;
import io.govflow.evidence.EvidenceRef;
import io.govflow.monitoring.BaselineRequest;
import io.govflow.monitoring.MonitoringActivities;
import io.govflow.monitoring.MonitoringBaseline;
import io.govflow.policy.GovernanceCheckActivities;
import io.govflow.policy.GovernanceCheckRequest;
import io.govflow.policy.PolicyResult;
import io.govflow.project.ProjectActivities;
import io.govflow.project.ProjectRef;
import io.govflow.project.ProjectRequest;
import io.govflow.registry.AuditEvents;
import io.govflow.registry.EndpointSnapshot;
import io.govflow.registry.ModelVersionSnapshot;
import io.govflow.registry.ProductionChange;
import io.govflow.registry.RegistryActivities;
import io.govflow.signoff.SignOffActivities;
import io.govflow.signoff.SignOffRequest;
import io.govflow.training.CandidateModel;
import io.govflow.training.RegistrationRequest;
import io.govflow.training.TrainingActivities;
import io.govflow.training.TrainingJobNames;
import io.govflow.training.TrainingJobRef;
import io.govflow.training.TrainingRequest;
import io.govflow.training.TrainingResult;
import io.govflow.usecase.Stage;
import io.govflow.usecase.UseCaseDefinition;
import io.govflow.usecase.UseCaseWorkflow;
import io.govflow.validation.EndpointValidation;
import io.govflow.validation.EndpointValidationActivities;
import io.govflow.validation.EndpointValidationRequest;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Steps 3–12 of one model version: each automated step gathers evidence, the governance check judges all of it, the
 * sign-off gate waits for governance; a signed-off version is deployed to test and validated there, waits for
 * production approval and is deployed to production with its monitoring baseline. Every change of stage is recorded
 * in the inventory and reported to the parent use case.
 */
public class ModelVersionWorkflowImpl implements ModelVersionWorkflow {

  private static final Logger LOG = Workflow.getLogger(ModelVersionWorkflowImpl.class);

  /** Fixes the train/test split and the learner, so that a re-run trains the same model. */
  private static final long TRAINING_SEED = 42;

  /** Versions signed off before steps 9–12 existed end at SIGNED_OFF, as their histories say. */
  private static final String DEPLOYMENT_CHANGE = "deploy-after-sign-off";

  /** The policy version of step 10's checks, as its findings are recorded beside the governance policy's. */
  static final String VALIDATION_RULES = "endpoint-validation-1";

  private final ProjectActivities projects = Workflow.newActivityStub(ProjectActivities.class,
      summarised(PROVISION, "Set up the project, model package group and draft model card"));
  private final DataEvaluationActivities dataEvaluation = Workflow.newActivityStub(DataEvaluationActivities.class,
      summarised(COMPUTE, "Evaluate data statistics, quality and pre-training bias"));
  private final TrainingActivities training = Workflow.newActivityStub(TrainingActivities.class,
      summarised(PROVISION, "Submit the training job or register the candidate model"));
  private final TrainingActivities trainingWait = Workflow.newActivityStub(TrainingActivities.class,
      summarised(COMPUTE, "Wait for the training job to finish"));
  private final ModelEvaluationActivities modelEvaluation = Workflow.newActivityStub(ModelEvaluationActivities.class,
      summarised(COMPUTE, "Evaluate model quality and post-training bias"));
  private final GovernanceCheckActivities governanceCheck = Workflow.newActivityStub(
      GovernanceCheckActivities.class, summarised(PROVISION, "Check all evidence against the risk tier's policy"));
  private final SignOffActivities signOffs = Workflow.newActivityStub(SignOffActivities.class,
      summarised(PROVISION, "Record the sign-off on the model version and the model card"));
  private final RegistryActivities registry = Workflow.newActivityStub(RegistryActivities.class,
      summarised(RECORD, "Record in the inventory and the audit trail"));
  private final DeploymentActivities deployment = Workflow.newActivityStub(DeploymentActivities.class,
      summarised(DEPLOY, "Deploy the model version to an endpoint with data capture"));
  private final EndpointValidationActivities validations = Workflow.newActivityStub(
      EndpointValidationActivities.class,
      summarised(COMPUTE, "Validate the test endpoint: contract, latency and sample predictions"));
  private final MonitoringActivities monitoring = Workflow.newActivityStub(MonitoringActivities.class,
      summarised(COMPUTE, "Baseline the training data and evaluation for production monitoring"));

  /** Reports leave one at a time, so the parent receives them in the order their snapshots were taken. */
  private final WorkflowLock reporting = Workflow.newWorkflowLock();

  private ModelVersionRequest request;
  private String modelVersionId;
  private String workflowId;
  private AuditEvents audit;
  private GateKeeper gates;
  private Stage stage;
  private ProjectRef project;
  private CandidateModel candidate;
  private final List<EvidenceRef> evidence = new ArrayList<>();
  private String evidenceDigest;
  private PolicyResult policyResult;
  private final List<DecisionRecord> decisions = new ArrayList<>();
  private final List<GateEvent> gateEvents = new ArrayList<>();
  private String failure;
  private EndpointRef testEndpoint;
  private EndpointValidation validation;
  private EndpointRef productionEndpoint;
  private MonitoringBaseline baseline;
  private Instant productionSince;
  private String withdrawnBecause;

  @Override
  public ModelVersionState run(ModelVersionRequest request) {
    this.request = request;
    modelVersionId = WorkflowIds.modelVersionId(request.useCaseId(), request.version());
    workflowId = Workflow.getInfo().getWorkflowId();
    audit = new AuditEvents(workflowId, request.useCaseId(), modelVersionId);
    gates = new GateKeeper(workflowId, modelVersionId, request.definition().owner(), "model version " + modelVersionId,
        ModelVersionWorkflowImpl::closesInto);
    try {
      gatherEvidence();
      if (awaitSignOff() == Outcome.APPROVE
          && Workflow.getVersion(DEPLOYMENT_CHANGE, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION) {
        deployToTestAndValidate();
      }
    } catch (ActivityFailure activityFailure) {
      stopOn(activityFailure);
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    return state();
  }

  /** Steps 3–7. */
  private void gatherEvidence() {
    UseCaseDefinition definition = request.definition();
    String useCaseId = request.useCaseId();

    moveTo(Stage.PROJECT_SETUP);
    project = projects.setUpProject(new ProjectRequest(useCaseId, modelVersionId, definition));
    addEvidence(List.of(project.modelCard()));

    moveTo(Stage.DATA_EVALUATION);
    addMeasuredEvidence(dataEvaluation.evaluateData(new DataEvaluationRequest(
        useCaseId, modelVersionId, definition.dataset(), definition.protectedFacets())).evidence());

    moveTo(Stage.TRAINING);
    TrainingRequest trainingRequest = new TrainingRequest(useCaseId, modelVersionId,
        TrainingJobNames.of(modelVersionId), definition.dataset(), TRAINING_SEED, project.modelPackageGroup());
    TrainingJobRef job = training.startTraining(trainingRequest);
    TrainingResult trained = trainingWait.awaitTraining(trainingRequest, job);
    addMeasuredEvidence(List.of(trained.trainingMetrics()));
    candidate = training.registerCandidate(new RegistrationRequest(
        useCaseId, modelVersionId, project.modelPackageGroup(), trained, project.modelCard()));

    moveTo(Stage.MODEL_EVALUATION);
    addMeasuredEvidence(modelEvaluation.evaluateModel(new ModelEvaluationRequest(
        useCaseId, modelVersionId, candidate, definition.dataset(), definition.protectedFacets())).evidence());

    moveTo(Stage.GOVERNANCE_CHECK);
    policyResult = governanceCheck.check(new GovernanceCheckRequest(
        useCaseId, modelVersionId, definition.risk().level(), List.copyOf(evidence)));
    addEvidence(List.of(policyResult.document()));
    registry.recordPolicyResult(modelVersionId, policyResult, audit.next("POLICY_CHECKED", AuditEvents.SYSTEM_ACTOR,
        now(), "tier", policyResult.tier(), "policyVersion", policyResult.policyVersion(),
        "passed", String.valueOf(policyResult.passed())));
  }

  private static Stage closesInto(Gate gate, Outcome outcome) {
    if (gate == Gate.PRODUCTION_APPROVAL) {
      return outcome == Outcome.APPROVE ? Stage.PRODUCTION_DEPLOYMENT : Stage.KEPT_IN_TEST;
    }
    return outcome == Outcome.APPROVE ? Stage.SIGNED_OFF : Stage.REJECTED;
  }

  /**
   * Step 8: the gate stands on the digest of all evidence; a failed check may be approved only with a comment.
   *
   * @return the outcome, or null when the version was withdrawn while the gate was open
   */
  private Outcome awaitSignOff() {
    gates.open(Gate.GOVERNANCE_SIGN_OFF, Stage.AWAITING_SIGN_OFF, evidenceDigest, now(), request.gatePolicy(),
        request.definition().risk().level().requiredSignOffApprovals(), !policyResult.passed());
    moveTo(Stage.AWAITING_SIGN_OFF);
    Outcome outcome = gates.awaitClosing(this::deadlinePassed, this::isWithdrawn);
    if (outcome == null) {
      moveTo(Stage.WITHDRAWN);
      return null;
    }
    candidate = signOffs.recordSignOff(new SignOffRequest(request.useCaseId(), modelVersionId, project, candidate,
        outcome, policyResult.policyVersion(), List.copyOf(decisions)));
    moveTo(outcome == Outcome.APPROVE ? Stage.SIGNED_OFF : Stage.REJECTED);
    return outcome;
  }

  /** Steps 9–10, then the production gate: a version whose validation fails stays in test with its findings. */
  private void deployToTestAndValidate() {
    if (stopIfWithdrawn()) {
      return;
    }
    moveTo(Stage.TEST_DEPLOYMENT);
    testEndpoint = deploy(Environment.TEST);

    moveTo(Stage.VALIDATION_IN_TEST);
    validation = validations.validate(new EndpointValidationRequest(request.useCaseId(), modelVersionId,
        testEndpoint, candidate, evidenceNamed(EvidenceRef.MODEL_QUALITY)));
    addEvidence(List.of(validation.report()));
    registry.recordPolicyResult(modelVersionId,
        new PolicyResult(request.definition().risk().level().name(), VALIDATION_RULES, validation.passed(), validation.checks(),
            validation.report()),
        audit.next("ENDPOINT_VALIDATED", AuditEvents.SYSTEM_ACTOR, now(), "endpoint", testEndpoint.endpointName(),
            "passed", String.valueOf(validation.passed()),
            "latencyP50Millis", String.valueOf(validation.latencyP50Millis()),
            "latencyP99Millis", String.valueOf(validation.latencyP99Millis())));
    if (!validation.passed()) {
      moveTo(Stage.VALIDATION_FAILED);
      return;
    }
    if (stopIfWithdrawn()) {
      return;
    }
    awaitProductionApproval();
  }

  /** Step 11: the same four-eyes rules as sign-off, on all evidence including the validation in test. */
  private void awaitProductionApproval() {
    gates.open(Gate.PRODUCTION_APPROVAL, Stage.AWAITING_PRODUCTION_APPROVAL, evidenceDigest, now(),
        request.gatePolicy(), request.definition().risk().level().requiredSignOffApprovals(), false);
    moveTo(Stage.AWAITING_PRODUCTION_APPROVAL);
    Outcome outcome = gates.awaitClosing(this::deadlinePassed, this::isWithdrawn);
    if (outcome == null) {
      moveTo(Stage.WITHDRAWN);
    } else if (outcome == Outcome.REJECT) {
      moveTo(Stage.KEPT_IN_TEST);
    } else {
      deployToProduction();
    }
  }

  /**
   * Step 12: the production endpoint, then the baseline it is monitored against; production history starts when
   * both exist, on the decisions that put the version there.
   */
  private void deployToProduction() {
    moveTo(Stage.PRODUCTION_DEPLOYMENT);
    productionEndpoint = deploy(Environment.PRODUCTION);
    baseline = monitoring.createBaseline(new BaselineRequest(request.useCaseId(), modelVersionId, candidate,
        request.definition().dataset(), request.definition().protectedFacets(), List.copyOf(evidence)));
    addEvidence(baseline.documents());
    productionSince = now();
    List<String> approvals = decisions.stream()
        .filter(decision -> decision.decision().outcome() == Outcome.APPROVE)
        .map(DecisionRecord::decisionId)
        .toList();
    registry.recordProductionChange(
        new ProductionChange(request.useCaseId(), modelVersionId, productionEndpoint.endpointName(), productionSince,
            approvals),
        audit.next("PRODUCTION_CHANGED", AuditEvents.SYSTEM_ACTOR, productionSince,
            "endpoint", productionEndpoint.endpointName(), "decisions", String.join(",", approvals)));
    moveTo(Stage.IN_PRODUCTION);
  }

  private EndpointRef deploy(Environment environment) {
    EndpointRef endpoint = deployment.deploy(
        new DeploymentRequest(request.useCaseId(), modelVersionId, environment, candidate));
    registry.recordEndpoint(
        new EndpointSnapshot(endpoint.endpointName(), request.useCaseId(), environment, modelVersionId,
            endpoint.url(), endpoint.captureLocation(), true, now()),
        audit.next("ENDPOINT_DEPLOYED", AuditEvents.SYSTEM_ACTOR, now(), "endpoint", endpoint.endpointName(),
            "environment", environment.name(), "url", endpoint.url()));
    return endpoint;
  }

  private EvidenceRef evidenceNamed(String name) {
    return evidence.stream().filter(document -> document.name().equals(name)).findFirst().orElse(null);
  }

  @Override
  public void withdraw(String reason) {
    withdrawnBecause = reason == null ? "the use case is being retired" : reason;
  }

  private boolean isWithdrawn() {
    return withdrawnBecause != null;
  }

  private boolean stopIfWithdrawn() {
    if (isWithdrawn()) {
      moveTo(Stage.WITHDRAWN);
    }
    return isWithdrawn();
  }

  @Override
  public void admit(Decision decision) {
    gates.admit(decision, GateKeeper.currentUpdateId());
  }

  @Override
  public GateOutcome decide(Decision decision) {
    return gates.decideOnce(decision, (updateId, outcome) -> {
      DecisionRecord record = new DecisionRecord(updateId, request.useCaseId(), modelVersionId, workflowId, decision,
          policyResult.policyVersion(), now());
      decisions.add(record);
      registry.recordDecision(record, audit.decision(record));
      if (!outcome.gateClosed()) {
        showProgress();
        reportToParent();
      }
    });
  }

  @Override
  public ModelVersionState state() {
    return new ModelVersionState(modelVersionId, request.useCaseId(), request.version(), workflowId, stage,
        describe(), project, candidate, List.copyOf(evidence), evidenceDigest, policyResult, gates.openGate(),
        List.copyOf(decisions), List.copyOf(gateEvents), gates.decidedUpdateIds(), failure, testEndpoint,
        validation, productionEndpoint, baseline, productionSince);
  }

  private void deadlinePassed(GateEvent event) {
    gateEvents.add(event);
    showProgress();
    registry.appendAudit(audit.gateEvent(event));
    reportToParent();
  }

  /** What retrying could not fix ends the version as FAILED; the workflow itself completes with that state. */
  private void stopOn(ActivityFailure activityFailure) {
    Throwable cause = activityFailure.getCause();
    if (cause instanceof ApplicationFailure applicationFailure) {
      failure = applicationFailure.getOriginalMessage() + " (" + applicationFailure.getType() + ")";
    } else {
      failure = cause == null ? activityFailure.getMessage() : cause.getMessage();
    }
    LOG.warn("model version {} failed at {}: {}", modelVersionId, stage, failure);
    moveTo(Stage.FAILED);
  }

  private void moveTo(Stage next) {
    stage = next;
    showProgress();
    registry.recordModelVersion(snapshot(), audit.next("STAGE_CHANGED", AuditEvents.SYSTEM_ACTOR, now(),
        "stage", next.name(), "failure", failure));
    reportToParent();
  }

  private void showProgress() {
    OpenGate open = gates.openGate();
    WorkflowProgress.show(stage.name(), open == null ? null : open.gate().name(), describe());
  }

  private void reportToParent() {
    if (request.parentWorkflowId() == null) {
      return;
    }
    reporting.lock();
    try {
      Workflow.newExternalWorkflowStub(UseCaseWorkflow.class, request.parentWorkflowId()).modelVersionChanged(state());
    } finally {
      reporting.unlock();
    }
  }

  private void addMeasuredEvidence(List<EvidenceRef> documents) {
    addEvidence(documents);
    registry.recordMetrics(modelVersionId, documents, audit.next("METRICS_RECORDED", AuditEvents.SYSTEM_ACTOR, now(),
        "documents", String.join(",", documents.stream().map(EvidenceRef::name).toList())));
  }

  private void addEvidence(List<EvidenceRef> documents) {
    documents.stream().filter(document -> document != null).forEach(evidence::add);
    evidenceDigest = Digests.ofEvidence(evidence);
  }

  private String describe() {
    if (stage == null) {
      return "Model version " + modelVersionId + " is starting.";
    }
    StringBuilder text = new StringBuilder("Model version ").append(modelVersionId).append(": ")
        .append(stage.description()).append('.');
    if (failure != null) {
      text.append(' ').append(failure).append('.');
    }
    if (withdrawnBecause != null) {
      text.append(" Withdrawn: ").append(withdrawnBecause).append('.');
    }
    if (validation != null) {
      text.append(String.format(" Validation in test %s (latency p50 %.1f ms, p99 %.1f ms).",
          validation.passed() ? "passed" : "failed", validation.latencyP50Millis(), validation.latencyP99Millis()));
    }
    if (productionEndpoint != null) {
      text.append(" Serves production at ").append(productionEndpoint.url()).append(" since ").append(productionSince)
          .append('.');
    }
    if (policyResult != null) {
      long failed = policyResult.findings() == null ? 0
          : policyResult.findings().stream().filter(finding -> !finding.passed()).count();
      text.append(" Policy ").append(policyResult.policyVersion())
          .append(policyResult.passed() ? " passed" : " failed with " + failed + " failing findings").append('.');
    }
    String gate = gates.describe();
    if (!gate.isEmpty()) {
      text.append(' ').append(gate);
    }
    return text.toString();
  }

  private ModelVersionSnapshot snapshot() {
    return new ModelVersionSnapshot(modelVersionId, request.useCaseId(), request.version(), workflowId, stage,
        candidate == null ? null : candidate.status(),
        candidate == null ? null : candidate.modelPackageId(),
        candidate == null ? null : candidate.modelLocation(),
        List.copyOf(evidence), evidenceDigest, now());
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
