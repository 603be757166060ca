package io.govflow.modelversion;

import static io.govflow.common.ActivityProfiles.COMPUTE;
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
import io.govflow.evaluation.ModelEvaluationActivities;
import io.govflow.evaluation.ModelEvaluationRequest;
import io.govflow.evidence.EvidenceRef;
import io.govflow.policy.GovernanceCheckActivities;
import io.govflow.policy.GovernanceCheckRequest;
import io.govflow.policy.PolicyResult;
import io.govflow.project.ProjectActivities;
import io.govflow.project.ProjectRef;
import io.govflow.project.ProjectRequest;
import io.govflow.registry.AuditEvents;
import io.govflow.registry.ModelVersionSnapshot;
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
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Steps 3–8 of one model version: each automated step gathers evidence, the governance check judges all of it, and
 * the sign-off gate waits for governance. Every change of stage is recorded in the inventory and reported to the
 * parent use case.
 */
public class ModelVersionWorkflowImpl implements ModelVersionWorkflow {

  private static final Logger LOG = Workflow.getLogger(ModelVersionWorkflowImpl.class);

  /** Fixes the train/test split and the learner, so that a re-run trains the same model. */
  private static final long TRAINING_SEED = 42;

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

  @Override
  public ModelVersionState run(ModelVersionRequest request) {
    this.request = request;
    modelVersionId = WorkflowIds.modelVersionId(request.useCaseId(), request.version());
    workflowId = Workflow.getInfo().getWorkflowId();
    audit = new AuditEvents(workflowId, request.useCaseId(), modelVersionId);
    gates = new GateKeeper(workflowId, modelVersionId, request.definition().owner(), "model version " + modelVersionId,
        (gate, outcome) -> outcome == Outcome.APPROVE ? Stage.SIGNED_OFF : Stage.REJECTED);
    try {
      gatherEvidence();
      awaitSignOff();
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

  /** Step 8: the gate stands on the digest of all evidence; a failed check may be approved only with a comment. */
  private void awaitSignOff() {
    gates.open(Gate.GOVERNANCE_SIGN_OFF, Stage.AWAITING_SIGN_OFF, evidenceDigest, now(), request.gatePolicy(),
        request.definition().risk().level().requiredSignOffApprovals(), !policyResult.passed());
    moveTo(Stage.AWAITING_SIGN_OFF);
    Outcome outcome = gates.awaitClosing(this::deadlinePassed);
    candidate = signOffs.recordSignOff(new SignOffRequest(request.useCaseId(), modelVersionId, project, candidate,
        outcome, policyResult.policyVersion(), List.copyOf(decisions)));
    moveTo(outcome == Outcome.APPROVE ? Stage.SIGNED_OFF : Stage.REJECTED);
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
        List.copyOf(decisions), List.copyOf(gateEvents), gates.decidedUpdateIds(), failure);
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
