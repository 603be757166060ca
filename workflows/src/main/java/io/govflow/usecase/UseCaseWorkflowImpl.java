package io.govflow.usecase;

import static io.govflow.approval.Refusal.refuseIf;
import static io.govflow.common.ActivityProfiles.RECORD;
import static io.govflow.common.ActivityProfiles.summarised;

import io.govflow.approval.Decision;
import io.govflow.approval.DecisionRecord;
import io.govflow.approval.Gate;
import io.govflow.approval.GateEvent;
import io.govflow.approval.GateKeeper;
import io.govflow.approval.GateOutcome;
import io.govflow.approval.HumanWait;
import io.govflow.approval.OpenGate;
import io.govflow.approval.Outcome;
import io.govflow.approval.Refusal;
import io.govflow.common.Digests;
import io.govflow.common.GovflowSearchAttributes;
import io.govflow.common.WorkflowIds;
import io.govflow.common.WorkflowProgress;
import io.govflow.modelversion.ModelVersionRequest;
import io.govflow.modelversion.ModelVersionState;
import io.govflow.modelversion.ModelVersionWorkflow;
import io.govflow.registry.AuditEvents;
import io.govflow.registry.RegistryActivities;
import io.govflow.registry.UseCaseSnapshot;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;

/**
 * Steps 1–2 of a use case, then its model version as a child workflow (steps 3–8) whose progress it reflects: the
 * use case's stage, open gates and search attributes follow the child, so one query answers where the case stands.
 */
public class UseCaseWorkflowImpl implements UseCaseWorkflow {

  private static final Logger LOG = Workflow.getLogger(UseCaseWorkflowImpl.class);

  private static final int FIRST_VERSION = 1;

  private final RegistryActivities registry = Workflow.newActivityStub(RegistryActivities.class,
      summarised(RECORD, "Record in the inventory and the audit trail"));

  private UseCaseStart start;
  private String workflowId;
  private AuditEvents audit;
  private GateKeeper gates;
  private UseCaseDefinition definition;
  private int revision;
  private Stage stage;
  private String failure;
  /** The owner's revision, from the revise handler until the main loop re-opens the gate on it. */
  private Revision pendingRevision;
  private final List<DecisionRecord> decisions = new ArrayList<>();
  private final List<GateEvent> gateEvents = new ArrayList<>();
  private final Map<String, ModelVersionState> modelVersions = new LinkedHashMap<>();
  private Instant createdAt;
  private Instant updatedAt;

  @Override
  public UseCaseState run(UseCaseStart start) {
    this.start = start;
    workflowId = Workflow.getInfo().getWorkflowId();
    definition = start.definition();
    revision = 1;
    createdAt = now();
    audit = new AuditEvents(workflowId, start.useCaseId(), null);
    gates = new GateKeeper(workflowId, null, owner(), "use case " + start.useCaseId(), (gate, outcome) ->
        switch (outcome) {
          case APPROVE -> Stage.PROJECT_SETUP;
          case REJECT -> Stage.REJECTED;
          case REQUEST_CHANGES -> Stage.CHANGES_REQUESTED;
          case RETRAIN -> Stage.RETRAINING;
        });
    Workflow.upsertTypedSearchAttributes(
        GovflowSearchAttributes.USE_CASE_ID.valueSet(start.useCaseId()),
        GovflowSearchAttributes.RISK.valueSet(definition.risk().level().name()),
        GovflowSearchAttributes.OWNER.valueSet(owner()));

    if (awaitApproval() == Outcome.APPROVE) {
      runModelVersion(FIRST_VERSION);
    } else {
      moveTo(Stage.REJECTED, "USE_CASE_REJECTED", AuditEvents.SYSTEM_ACTOR);
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    return state();
  }

  /**
   * Step 2: the gate stands on the digest of the definition; request-changes waits for the owner's revision and
   * re-opens the gate on it.
   *
   * @return APPROVE or REJECT
   */
  private Outcome awaitApproval() {
    String openedBy = "USE_CASE_DEFINED";
    String actor = owner();
    while (true) {
      openGate();
      moveTo(Stage.AWAITING_USE_CASE_APPROVAL, openedBy, actor);
      Outcome outcome = gates.awaitClosing(this::deadlinePassed);
      if (outcome != Outcome.REQUEST_CHANGES) {
        return outcome;
      }
      moveTo(Stage.CHANGES_REQUESTED, "CHANGES_REQUESTED", AuditEvents.SYSTEM_ACTOR);
      HumanWait revisionWait = new HumanWait(now(), start.gatePolicy());
      revisionWait.until(() -> pendingRevision != null,
          (kind, due) -> deadlinePassed(new GateEvent(Gate.USE_CASE_APPROVAL, workflowId, kind, due,
              String.format("use case %s has waited since %s for its owner %s to revise it.",
                  start.useCaseId(), revisionWait.since(), owner()))));
      definition = pendingRevision.definition();
      revision++;
      openedBy = "USE_CASE_REVISED";
      actor = pendingRevision.actor();
    }
  }

  private void openGate() {
    gates.open(Gate.USE_CASE_APPROVAL, Stage.AWAITING_USE_CASE_APPROVAL, Digests.ofValue(definition), now(),
        start.gatePolicy(), 1, false);
    pendingRevision = null;
  }

  /** Steps 3–8 run in the child; the use case follows each stage the child reports and ends where the child ends. */
  private void runModelVersion(int version) {
    String useCaseId = start.useCaseId();
    String modelVersionId = WorkflowIds.modelVersionId(useCaseId, version);
    ModelVersionWorkflow child = Workflow.newChildWorkflowStub(ModelVersionWorkflow.class,
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(WorkflowIds.modelVersion(useCaseId, version))
            .setStaticSummary(String.format("Model version %s of use case %s (%s, %s risk, owner %s)",
                modelVersionId, useCaseId, definition.name(), definition.risk().level(), owner()))
            .setTypedSearchAttributes(SearchAttributes.newBuilder()
                .set(GovflowSearchAttributes.USE_CASE_ID, useCaseId)
                .set(GovflowSearchAttributes.RISK, definition.risk().level().name())
                .set(GovflowSearchAttributes.OWNER, owner())
                .build())
            .build());
    moveTo(Stage.PROJECT_SETUP, "MODEL_VERSION_STARTED", AuditEvents.SYSTEM_ACTOR);
    Promise<ModelVersionState> result = Async.function(child::run,
        new ModelVersionRequest(useCaseId, version, definition, start.gatePolicy(), workflowId));
    while (!result.isCompleted()) {
      Workflow.await(() -> result.isCompleted() || childStage(modelVersionId) != stage);
      followChild(modelVersionId);
    }
    try {
      modelVersions.put(modelVersionId, result.get());
      followChild(modelVersionId);
    } catch (ChildWorkflowFailure childFailure) {
      failure = childFailure.getCause() == null ? childFailure.getMessage() : childFailure.getCause().getMessage();
      LOG.warn("model version {} of use case {} failed: {}", modelVersionId, useCaseId, failure);
      moveTo(Stage.FAILED, "MODEL_VERSION_FAILED", AuditEvents.SYSTEM_ACTOR);
    }
  }

  private Stage childStage(String modelVersionId) {
    ModelVersionState child = modelVersions.get(modelVersionId);
    return child == null || child.stage() == null ? stage : child.stage();
  }

  private void followChild(String modelVersionId) {
    Stage childStage = childStage(modelVersionId);
    if (childStage != stage) {
      moveTo(childStage, "MODEL_VERSION_STAGE_CHANGED", AuditEvents.SYSTEM_ACTOR);
    }
  }

  @Override
  public void modelVersionChanged(ModelVersionState modelVersion) {
    modelVersions.put(modelVersion.modelVersionId(), modelVersion);
    updatedAt = now();
    // Approvals and deadlines at the child's gate change what operators should read, without a change of stage.
    Workflow.setCurrentDetails(describe());
  }

  @Override
  public void admit(Decision decision) {
    gates.admit(decision, GateKeeper.currentUpdateId());
  }

  @Override
  public GateOutcome decide(Decision decision) {
    return gates.decideOnce(decision, (updateId, outcome) -> {
      DecisionRecord record = new DecisionRecord(updateId, start.useCaseId(), null, workflowId, decision, null, now());
      decisions.add(record);
      updatedAt = record.decidedAt();
      registry.recordDecision(record, audit.decision(record));
    });
  }

  @Override
  public void admitRevision(Revision revision) {
    refuseIf(revision == null || revision.definition() == null, Refusal.INVALID_DECISION,
        "a revision carries the revised definition of use case %s.", start.useCaseId());
    refuseIf(stage != Stage.CHANGES_REQUESTED || pendingRevision != null, Refusal.REVISION_NOT_EXPECTED,
        "use case %s is %s, not waiting for a revision; revise it only after governance requests changes.",
        start.useCaseId(), stage);
    refuseIf(!owner().equals(revision.actor()), Refusal.NOT_OWNER,
        "%s owns use case %s; only the owner may revise it.", owner(), start.useCaseId());
    refuseIf(!owner().equals(revision.definition().owner()), Refusal.NOT_OWNER,
        "a revision may not change the owner of use case %s from %s; start a new use case for another owner.",
        start.useCaseId(), owner());
  }

  /** Returns once the gate has re-opened on the revision, so the caller reads the digest to decide on. */
  @Override
  public UseCaseState revise(Revision revision) {
    pendingRevision = revision;
    Workflow.await(() -> pendingRevision == null);
    return state();
  }

  @Override
  public UseCaseState state() {
    List<OpenGate> openGates = Stream.concat(
            Stream.ofNullable(gates.openGate()),
            modelVersions.values().stream().map(ModelVersionState::openGate))
        .filter(gate -> gate != null)
        .toList();
    return new UseCaseState(start.useCaseId(), workflowId, definition, revision, stage, describe(), openGates,
        List.copyOf(decisions), List.copyOf(gateEvents), List.copyOf(modelVersions.values()),
        gates.decidedUpdateIds(), createdAt, updatedAt);
  }

  private void deadlinePassed(GateEvent event) {
    gateEvents.add(event);
    showProgress();
    registry.appendAudit(audit.gateEvent(event));
  }

  private void moveTo(Stage next, String auditType, String actor) {
    stage = next;
    updatedAt = now();
    showProgress();
    registry.recordUseCase(
        new UseCaseSnapshot(start.useCaseId(), workflowId, definition, revision, stage, updatedAt),
        audit.next(auditType, actor, updatedAt, "stage", next.name(), "revision", String.valueOf(revision),
            "failure", failure));
  }

  private void showProgress() {
    OpenGate pending = state().openGates().stream().findFirst().orElse(null);
    WorkflowProgress.show(stage.name(), pending == null ? null : pending.gate().name(), describe());
  }

  private String describe() {
    if (stage == null) {
      return "Use case " + start.useCaseId() + " is starting.";
    }
    StringBuilder text = new StringBuilder("Use case ").append(start.useCaseId())
        .append(" (").append(definition.name()).append(", ").append(definition.risk().level())
        .append(" risk, owner ").append(owner()).append(", revision ").append(revision).append("): ")
        .append(stage.description()).append('.');
    String gate = gates.describe();
    if (!gate.isEmpty()) {
      text.append(' ').append(gate);
    }
    modelVersions.values().forEach(child -> text.append(' ').append(child.details()));
    if (failure != null) {
      text.append(' ').append(failure).append('.');
    }
    return text.toString();
  }

  private String owner() {
    return definition.owner();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
