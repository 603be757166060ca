package io.govflow.usecase;

import static io.govflow.approval.Refusal.refuseIf;
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
import io.govflow.approval.HumanWait;
import io.govflow.approval.OpenGate;
import io.govflow.approval.Outcome;
import io.govflow.approval.Refusal;
import io.govflow.common.Digests;
import io.govflow.common.GovflowSearchAttributes;
import io.govflow.common.WorkflowIds;
import io.govflow.common.WorkflowProgress;
import io.govflow.deployment.DeploymentActivities;
import io.govflow.deployment.EndpointRef;
import io.govflow.deployment.Environment;
import io.govflow.modelversion.ModelVersionRequest;
import io.govflow.modelversion.ModelVersionState;
import io.govflow.modelversion.ModelVersionWorkflow;
import io.govflow.monitoring.MonitoredVersion;
import io.govflow.monitoring.MonitoringFinding;
import io.govflow.monitoring.MonitoringStart;
import io.govflow.monitoring.MonitoringWorkflow;
import io.govflow.project.ProjectActivities;
import io.govflow.registry.AuditEvents;
import io.govflow.registry.EndpointSnapshot;
import io.govflow.registry.ProductionChange;
import io.govflow.registry.RegistryActivities;
import io.govflow.registry.UseCaseSnapshot;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;

/**
 * Steps 1–2 of a use case, then its first model version as a child workflow (steps 3–12) whose progress it reflects:
 * the use case's stage, open gates and search attributes follow the child, so one query answers where the case
 * stands. Once a version is deployed the use case is in service (steps 13–14): it starts {@code monitoring-<id>},
 * opens a re-validation gate when monitoring reports a high-severity finding and the periodic review gate when the
 * risk tier's period has passed; a RETRAIN decision runs the next model version while production keeps serving, and
 * retirement removes everything the case deployed. In service the workflow continues as new when its history grows.
 */
public class UseCaseWorkflowImpl implements UseCaseWorkflow {

  private static final Logger LOG = Workflow.getLogger(UseCaseWorkflowImpl.class);

  private static final int FIRST_VERSION = 1;

  /** Cases whose first version ended before steps 9–14 existed end there, as their histories say. */
  private static final String SERVICE_CHANGE = "serve-after-model-version";

  /** In service, the history is handed to a new run past this length, far below Temporal's limits. */
  private static final int MAX_HISTORY_EVENTS = 2000;

  /** Stages in which the use case has ended: nothing more happens to it. */
  private static final Set<Stage> ENDED = Set.of(Stage.REJECTED, Stage.FAILED, Stage.RETIRED);

  private final RegistryActivities registry = Workflow.newActivityStub(RegistryActivities.class,
      summarised(RECORD, "Record in the inventory and the audit trail"));
  private final DeploymentActivities deployment = Workflow.newActivityStub(DeploymentActivities.class,
      summarised(DEPLOY, "Remove an endpoint of the retired use case"));
  private final ProjectActivities projects = Workflow.newActivityStub(ProjectActivities.class,
      summarised(PROVISION, "Archive the model card of the retired use case"));

  private final UseCaseStart start;
  private final String workflowId;
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
  /** The version serving production, from step 12 until another replaces it or the case retires. */
  private MonitoredVersion production;
  private final Map<Environment, EndpointRef> endpoints = new EnumMap<>(Environment.class);
  private boolean monitoringStarted;
  /** High-severity findings reported by monitoring and not yet re-validated, by finding id. */
  private final Map<String, MonitoringFinding> revalidationFindings = new LinkedHashMap<>();
  private Instant lastReviewAt;
  /** The decision that retires the case: the retirement update, or REJECT at a re-validation or review. */
  private DecisionRecord retirement;
  /** The model version told to withdraw because of the retirement. */
  private String withdrawnVersion;

  /**
   * The state is set up here rather than in {@link #run}: a decision or retirement can arrive with the first workflow
   * task, and its validator must already see the gates.
   */
  @WorkflowInit
  public UseCaseWorkflowImpl(UseCaseStart start) {
    this.start = start;
    workflowId = Workflow.getInfo().getWorkflowId();
    if (start.carried() != null) {
      restore(start.carried());
    } else {
      definition = start.definition();
      revision = 1;
      createdAt = now();
      audit = new AuditEvents(workflowId, start.useCaseId(), null);
      gates = newGateKeeper();
    }
  }

  @Override
  public UseCaseState run(UseCaseStart input) {
    if (start.carried() != null) {
      serve();
      return finish();
    }
    Workflow.upsertTypedSearchAttributes(
        GovflowSearchAttributes.USE_CASE_ID.valueSet(start.useCaseId()),
        GovflowSearchAttributes.RISK.valueSet(definition.risk().level().name()),
        GovflowSearchAttributes.OWNER.valueSet(owner()));

    if (awaitApproval() == Outcome.APPROVE) {
      ModelVersionState first = runModelVersion(FIRST_VERSION, true);
      if (first != null && Workflow.getVersion(SERVICE_CHANGE, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION
          && !ENDED.contains(first.stage())) {
        adopt(first);
        serve();
      }
    } else {
      moveTo(Stage.REJECTED, "USE_CASE_REJECTED", AuditEvents.SYSTEM_ACTOR);
    }
    return finish();
  }

  private UseCaseState finish() {
    Workflow.await(Workflow::isEveryHandlerFinished);
    return state();
  }

  private GateKeeper newGateKeeper() {
    return new GateKeeper(workflowId, null, owner(), "use case " + start.useCaseId(), (gate, outcome) ->
        switch (outcome) {
          case APPROVE -> gate == Gate.USE_CASE_APPROVAL ? Stage.PROJECT_SETUP : servingStage();
          case REJECT -> gate == Gate.USE_CASE_APPROVAL ? Stage.REJECTED : Stage.RETIRED;
          case REQUEST_CHANGES -> Stage.CHANGES_REQUESTED;
          case RETRAIN -> Stage.RETRAINING;
        });
  }

  /** The state a previous run handed over at continue-as-new. */
  private void restore(UseCaseState carried) {
    definition = carried.definition();
    revision = carried.revision();
    stage = carried.stage();
    failure = carried.failure();
    createdAt = carried.createdAt();
    updatedAt = carried.updatedAt();
    decisions.addAll(carried.decisions());
    gateEvents.addAll(carried.gateEvents());
    carried.modelVersions().forEach(version -> modelVersions.put(version.modelVersionId(), version));
    production = carried.production();
    carried.endpoints().forEach(endpoint -> endpoints.put(endpoint.environment(), endpoint));
    monitoringStarted = carried.monitoringStarted();
    carried.revalidationFindings().forEach(finding -> revalidationFindings.put(finding.findingId(), finding));
    lastReviewAt = carried.lastReviewAt();
    audit = new AuditEvents(workflowId, start.useCaseId(), null, carried.auditSequence());
    gates = newGateKeeper();
    gates.restore(carried.decidedOutcomes());
  }

  /**
   * Steps 13–14 while the case has a deployed version: waits for a high-severity finding, the periodic review or
   * retirement, decides at the gate each opens, and retires the case at the end.
   */
  private void serve() {
    while (retirement == null) {
      if (continueAsNewDue()) {
        Workflow.continueAsNew(start.continuedWith(state()));
      }
      Instant reviewAt = nextReviewAt();
      if (reviewAt == null) {
        Workflow.await(() -> retirement != null || !revalidationFindings.isEmpty());
      } else {
        Duration untilReview = Duration.between(now(), reviewAt);
        if (untilReview.compareTo(Duration.ZERO) > 0) {
          Workflow.await(untilReview, () -> retirement != null || !revalidationFindings.isEmpty());
        }
      }
      if (retirement != null) {
        break;
      }
      if (!revalidationFindings.isEmpty()) {
        decideAt(Gate.REVALIDATION, Stage.AWAITING_REVALIDATION);
      } else if (reviewAt != null && !now().isBefore(reviewAt)) {
        decideAt(Gate.PERIODIC_REVIEW, Stage.AWAITING_PERIODIC_REVIEW);
      }
    }
    retire();
  }

  private boolean continueAsNewDue() {
    return (Workflow.getInfo().isContinueAsNewSuggested()
        || Workflow.getInfo().getHistoryLength() > MAX_HISTORY_EVENTS) && Workflow.isEveryHandlerFinished();
  }

  /** When the production version is next due for its periodic review, or null when nothing serves production. */
  private Instant nextReviewAt() {
    return production == null || lastReviewAt == null ? null
        : lastReviewAt.plus(start.review().periodFor(definition.risk().level()));
  }

  /**
   * A re-validation or periodic review of the production version: APPROVE keeps it serving, RETRAIN runs the next
   * model version, REJECT retires the case. A re-validation stands on the findings it was opened for.
   */
  private void decideAt(Gate gate, Stage awaiting) {
    List<MonitoringFinding> findings = List.copyOf(revalidationFindings.values());
    String digest = gate == Gate.REVALIDATION ? Digests.ofValue(findings) : Digests.ofValue(production);
    gates.open(gate, awaiting, digest, now(), start.gatePolicy(), 1, false);
    moveTo(awaiting, gate.name() + "_OPENED", AuditEvents.SYSTEM_ACTOR);
    Outcome outcome = gates.awaitClosing(this::deadlinePassed, () -> retirement != null);
    if (outcome == null) {
      return;
    }
    if (gate == Gate.REVALIDATION) {
      findings.forEach(finding -> revalidationFindings.remove(finding.findingId()));
    } else {
      lastReviewAt = now();
    }
    DecisionRecord decided = decisions.get(decisions.size() - 1);
    switch (outcome) {
      case RETRAIN -> retrain();
      case REJECT -> retirement = decided;
      default -> moveTo(servingStage(), gate.name() + "_PASSED", decided.decision().actor());
    }
  }

  /** A new model version through steps 3–12 while the production version keeps serving. */
  private void retrain() {
    int version = modelVersions.size() + 1;
    moveTo(Stage.RETRAINING, "RETRAINING_STARTED", AuditEvents.SYSTEM_ACTOR);
    ModelVersionState next = runModelVersion(version, false);
    if (next != null) {
      adopt(next);
    }
    moveTo(servingStage(), "RETRAINING_ENDED", AuditEvents.SYSTEM_ACTOR);
  }

  /** Puts the version's endpoints into {@code endpoints}; says whether it serves production. */
  private static boolean putEndpoints(ModelVersionState version, Map<Environment, EndpointRef> endpoints) {
    if (version.testEndpoint() != null) {
      endpoints.put(Environment.TEST, version.testEndpoint());
    }
    if (version.productionEndpoint() == null) {
      return false;
    }
    endpoints.put(Environment.PRODUCTION, version.productionEndpoint());
    return true;
  }

  private static MonitoredVersion serving(ModelVersionState version) {
    return new MonitoredVersion(version.modelVersionId(), version.productionEndpoint(), version.baseline(),
        version.productionSince());
  }

  /** What a finished model version deployed becomes the case's: its endpoints and, in production, monitoring. */
  private void adopt(ModelVersionState version) {
    if (!putEndpoints(version, endpoints)) {
      return;
    }
    production = serving(version);
    // A validated, signed-off version starts its review period afresh; findings against its predecessor are moot.
    lastReviewAt = version.productionSince();
    revalidationFindings.values().removeIf(finding -> !finding.modelVersionId().equals(version.modelVersionId()));
    if (monitoringStarted) {
      Workflow.newExternalWorkflowStub(MonitoringWorkflow.class, WorkflowIds.monitoring(start.useCaseId()))
          .productionChanged(production);
    } else {
      startMonitoring();
    }
  }

  /** What the case's children are found by in the Web UI: the case, its risk and its owner. */
  private SearchAttributes childSearchAttributes() {
    return SearchAttributes.newBuilder()
        .set(GovflowSearchAttributes.USE_CASE_ID, start.useCaseId())
        .set(GovflowSearchAttributes.RISK, definition.risk().level().name())
        .set(GovflowSearchAttributes.OWNER, owner())
        .build();
  }

  /** {@code monitoring-<id>} outlives any one run of this workflow, which talks to it by id. */
  private void startMonitoring() {
    String useCaseId = start.useCaseId();
    MonitoringWorkflow monitor = Workflow.newChildWorkflowStub(MonitoringWorkflow.class,
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(WorkflowIds.monitoring(useCaseId))
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
            .setStaticSummary(String.format("Production monitoring of use case %s (%s, %s risk, owner %s)",
                useCaseId, definition.name(), definition.risk().level(), owner()))
            .setTypedSearchAttributes(childSearchAttributes())
            .build());
    Async.function(monitor::run, new MonitoringStart(useCaseId, owner(), definition.risk().level(),
        definition.dataset(), definition.protectedFacets(), start.monitoring(), workflowId, production, null));
    Workflow.getWorkflowExecution(monitor).get();
    monitoringStarted = true;
  }

  /** Step 14's end: endpoints removed, monitoring stopped, production history closed, model cards archived. */
  private void retire() {
    String actor = retirement.decision().actor();
    for (EndpointRef endpoint : List.copyOf(endpoints.values())) {
      deployment.undeploy(endpoint.endpointName());
      registry.recordEndpoint(
          new EndpointSnapshot(endpoint.endpointName(), start.useCaseId(), endpoint.environment(),
              endpoint.modelVersionId(), endpoint.url(), endpoint.captureLocation(), false, now()),
          audit.next("ENDPOINT_REMOVED", actor, now(), "endpoint", endpoint.endpointName()));
      endpoints.remove(endpoint.environment());
    }
    if (monitoringStarted) {
      try {
        Workflow.newExternalWorkflowStub(MonitoringWorkflow.class, WorkflowIds.monitoring(start.useCaseId()))
            .stop("use case " + start.useCaseId() + " retired by " + actor);
      } catch (SignalExternalWorkflowException gone) {
        LOG.warn("monitoring of use case {} had already ended: {}", start.useCaseId(), gone.getMessage());
      }
    }
    if (production != null) {
      registry.recordProductionChange(
          new ProductionChange(start.useCaseId(), null, production.endpoint().endpointName(), now(),
              List.of(retirement.decisionId())),
          audit.next("PRODUCTION_CHANGED", actor, now(), "modelVersion", "none", "reason", "retired"));
      production = null;
    }
    modelVersions.values().stream()
        .filter(version -> version.project() != null && version.project().modelCard() != null)
        .forEach(version -> projects.archiveModelCard(start.useCaseId(), version.modelVersionId()));
    moveTo(Stage.RETIRED, "USE_CASE_RETIRED", actor);
  }

  /** In service: production when a version serves it, else the stage the last deployed version ended in. */
  private Stage servingStage() {
    if (production != null) {
      return Stage.IN_PRODUCTION;
    }
    return modelVersions.values().stream().map(ModelVersionState::stage)
        .filter(versionStage -> versionStage == Stage.KEPT_IN_TEST || versionStage == Stage.VALIDATION_FAILED)
        .reduce((first, second) -> second)
        .orElse(stage);
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

  /**
   * Steps 3–12 run in the child. The first version's stages are the use case's; a retraining version's show only in
   * the details, since production keeps serving meanwhile. A retirement asks the child to withdraw.
   *
   * @return the child's final state, or null when it failed
   */
  private ModelVersionState runModelVersion(int version, boolean followStages) {
    String useCaseId = start.useCaseId();
    String modelVersionId = WorkflowIds.modelVersionId(useCaseId, version);
    ModelVersionWorkflow child = Workflow.newChildWorkflowStub(ModelVersionWorkflow.class,
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(WorkflowIds.modelVersion(useCaseId, version))
            .setStaticSummary(String.format("Model version %s of use case %s (%s, %s risk, owner %s)",
                modelVersionId, useCaseId, definition.name(), definition.risk().level(), owner()))
            .setTypedSearchAttributes(childSearchAttributes())
            .build());
    if (followStages) {
      moveTo(Stage.PROJECT_SETUP, "MODEL_VERSION_STARTED", AuditEvents.SYSTEM_ACTOR);
    }
    Promise<ModelVersionState> result = Async.function(child::run,
        new ModelVersionRequest(useCaseId, version, definition, start.gatePolicy(), workflowId));
    while (!result.isCompleted()) {
      Workflow.await(() -> result.isCompleted() || (followStages && childStage(modelVersionId) != stage)
          || (retirement != null && !modelVersionId.equals(withdrawnVersion)));
      if (retirement != null && !modelVersionId.equals(withdrawnVersion) && !result.isCompleted()) {
        Workflow.newExternalWorkflowStub(ModelVersionWorkflow.class, WorkflowIds.modelVersion(useCaseId, version))
            .withdraw("use case " + useCaseId + " is being retired by " + retirement.decision().actor());
        withdrawnVersion = modelVersionId;
      }
      if (followStages) {
        followChild(modelVersionId);
      }
    }
    try {
      ModelVersionState finished = result.get();
      modelVersions.put(modelVersionId, finished);
      if (followStages) {
        followChild(modelVersionId);
      }
      return finished;
    } catch (ChildWorkflowFailure childFailure) {
      String cause = childFailure.getCause() == null ? childFailure.getMessage()
          : childFailure.getCause().getMessage();
      LOG.warn("model version {} of use case {} failed: {}", modelVersionId, useCaseId, cause);
      if (followStages) {
        failure = cause;
        moveTo(Stage.FAILED, "MODEL_VERSION_FAILED", AuditEvents.SYSTEM_ACTOR);
      } else {
        registry.appendAudit(audit.next("MODEL_VERSION_FAILED", AuditEvents.SYSTEM_ACTOR, now(),
            "modelVersion", modelVersionId, "failure", cause));
      }
      return null;
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
  public void findingRaised(MonitoringFinding finding) {
    if (finding != null && production != null && finding.modelVersionId().equals(production.modelVersionId())) {
      revalidationFindings.put(finding.findingId(), finding);
      updatedAt = now();
      Workflow.setCurrentDetails(describe());
    }
  }

  @Override
  public void admitRetirement(Decision decision) {
    String updateId = GateKeeper.currentUpdateId();
    if (retirement != null && retirement.decisionId().equals(updateId)) {
      return;
    }
    refuseIf(decision == null || decision.gate() != Gate.RETIREMENT, Refusal.INVALID_DECISION,
        "a retirement names the gate RETIREMENT and the outcome APPROVE.");
    refuseIf(decision.outcome() != Outcome.APPROVE, Refusal.OUTCOME_NOT_ALLOWED,
        "RETIREMENT takes APPROVE, not %s.", decision.outcome());
    refuseIf(decision.actor() == null || decision.actor().isBlank(), Refusal.INVALID_DECISION,
        "a retirement names the person who decides it.");
    refuseIf(decision.actorRoles() == null || !decision.actorRoles().contains(Gate.RETIREMENT.deciderRole()),
        Refusal.WRONG_ROLE, "%s may not retire use case %s: it needs the role %s.", decision.actor(),
        start.useCaseId(), Gate.RETIREMENT.deciderRole());
    refuseIf(decision.actor().equals(owner()), Refusal.OWNER_CANNOT_DECIDE,
        "%s owns use case %s; another governance member must retire it.", owner(), start.useCaseId());
    refuseIf(retirement != null || stage == Stage.RETIRED, Refusal.ALREADY_RETIRED,
        "use case %s is already %s by %s.", start.useCaseId(), stage == Stage.RETIRED ? "retired" : "being retired",
        retirement == null ? "governance" : retirement.decision().actor());
    refuseIf(stage == null || stage == Stage.AWAITING_USE_CASE_APPROVAL || stage == Stage.CHANGES_REQUESTED
            || ENDED.contains(stage), Refusal.NOT_RETIRABLE,
        "use case %s is %s; only an approved case that has not ended can be retired (reject it at its approval gate "
            + "instead).", start.useCaseId(), stage);
  }

  @Override
  public UseCaseState retire(Decision decision) {
    if (retirement == null) {
      DecisionRecord record = new DecisionRecord(GateKeeper.currentUpdateId(), start.useCaseId(), null, workflowId,
          decision, null, now());
      retirement = record;
      decisions.add(record);
      updatedAt = record.decidedAt();
      registry.recordDecision(record, audit.decision(record));
    }
    Workflow.await(() -> ENDED.contains(stage));
    return state();
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
    // The case mirrors its first version's IN_PRODUCTION a workflow task before it adopts the finished version: until
    // then a reader is shown the production and endpoints that version reports, never the stage without them.
    MonitoredVersion shownProduction = production;
    Map<Environment, EndpointRef> shownEndpoints = new EnumMap<>(endpoints);
    if (production == null && stage == Stage.IN_PRODUCTION) {
      Optional<ModelVersionState> adopting = modelVersions.values().stream()
          .filter(version -> version.stage() == Stage.IN_PRODUCTION && version.productionEndpoint() != null)
          .reduce((first, second) -> second);
      if (adopting.isPresent()) {
        putEndpoints(adopting.get(), shownEndpoints);
        shownProduction = serving(adopting.get());
      }
    }
    return new UseCaseState(start.useCaseId(), workflowId, definition, revision, stage, describe(), openGates,
        List.copyOf(decisions), List.copyOf(gateEvents), List.copyOf(modelVersions.values()),
        gates.decidedUpdateIds(), createdAt, updatedAt, shownProduction, List.copyOf(shownEndpoints.values()),
        monitoringStarted, List.copyOf(revalidationFindings.values()), lastReviewAt, nextReviewAt(),
        gates.decidedOutcomes(), audit.sequence(), failure);
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
    if (production != null) {
      text.append(" Production serves ").append(production.modelVersionId()).append(" since ")
          .append(production.since()).append("; periodic review due ").append(nextReviewAt()).append('.');
    }
    if (!revalidationFindings.isEmpty()) {
      text.append(' ').append(revalidationFindings.size()).append(" high-severity finding(s) await re-validation: ")
          .append(String.join("; ", revalidationFindings.values().stream()
              .map(finding -> finding.checkType() + " on " + finding.subject()).toList()))
          .append('.');
    }
    modelVersions.values().stream()
        .filter(child -> stage == Stage.RETRAINING || child.stage() == null || !child.stage().endsModelVersion()
            || child.modelVersionId().equals(lastVersionId()))
        .forEach(child -> text.append(' ').append(child.details()));
    if (failure != null) {
      text.append(' ').append(failure).append('.');
    }
    return text.toString();
  }

  private String lastVersionId() {
    return modelVersions.isEmpty() ? null : List.copyOf(modelVersions.keySet()).get(modelVersions.size() - 1);
  }

  private String owner() {
    return definition.owner();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
