package io.govflow.monitoring;

import static io.govflow.approval.Refusal.refuseIf;
import static io.govflow.common.ActivityProfiles.COMPUTE;
import static io.govflow.common.ActivityProfiles.RECORD;
import static io.govflow.common.ActivityProfiles.summarised;

import io.govflow.approval.GateKeeper;
import io.govflow.approval.Refusal;
import io.govflow.common.WorkflowProgress;
import io.govflow.policy.Severity;
import io.govflow.registry.AuditEvents;
import io.govflow.registry.RegistryActivities;
import io.govflow.usecase.Stage;
import io.govflow.usecase.UseCaseWorkflow;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Step 13 on durable timers. Each run covers the window since the previous one, so a worker that was down catches up
 * window by window; a violation opens a finding (or counts again on the open one), a high-severity finding is
 * reported to the use case for re-validation, and a finding left unresolved past its SLA is escalated once per SLA
 * period. Every {@value #RUNS_PER_EXECUTION} runs the workflow continues as new with its state.
 */
public class MonitoringWorkflowImpl implements MonitoringWorkflow {

  /** A day of hourly runs per execution keeps a history in the hundreds of events. */
  static final int RUNS_PER_EXECUTION = 24;

  /** Runs kept in the state for queries; the inventory keeps all of them. */
  private static final int RECENT_RUNS = 24;

  private static final Set<String> DECIDER_ROLES = Set.of("governance", "operator");

  private final MonitoringActivities monitoring = Workflow.newActivityStub(MonitoringActivities.class,
      summarised(COMPUTE, "Check the traffic captured since the last run against the baseline"));
  private final RegistryActivities registry = Workflow.newActivityStub(RegistryActivities.class,
      summarised(RECORD, "Record in the inventory and the audit trail"));

  private final MonitoringStart start;
  private final String workflowId;
  private final AuditEvents audit;
  private MonitoredVersion version;
  private MonitoredVersion pendingVersion;
  private Instant nextWindowStart;
  private long runs;
  private final Map<String, MonitoringFinding> unresolved = new LinkedHashMap<>();
  private final List<MonitoringRunSummary> recentRuns = new ArrayList<>();
  private final Set<String> handledUpdateIds = new LinkedHashSet<>();
  private String stoppedBecause;

  /**
   * The state is set up here rather than in {@link #run}: an acknowledgement can arrive with the first workflow task,
   * and its validator must already see the findings a previous run handed over.
   */
  @WorkflowInit
  public MonitoringWorkflowImpl(MonitoringStart start) {
    this.start = start;
    workflowId = Workflow.getInfo().getWorkflowId();
    MonitoringState carried = start.carried();
    if (carried == null) {
      version = start.version();
      nextWindowStart = version.since();
      audit = new AuditEvents(workflowId, start.useCaseId(), null);
    } else {
      version = carried.version();
      nextWindowStart = carried.nextWindowStart();
      runs = carried.runs();
      carried.unresolvedFindings().forEach(finding -> unresolved.put(finding.findingId(), finding));
      recentRuns.addAll(carried.recentRuns());
      handledUpdateIds.addAll(carried.handledUpdateIds());
      audit = new AuditEvents(workflowId, start.useCaseId(), null, carried.auditSequence());
    }
  }

  @Override
  public MonitoringState run(MonitoringStart input) {
    showProgress();

    int runsThisExecution = 0;
    while (stoppedBecause == null) {
      Instant wake = earliest(nextRunAt(), nextDue());
      Duration wait = Duration.between(now(), wake);
      if (wait.compareTo(Duration.ZERO) > 0) {
        Workflow.await(wait, () -> stoppedBecause != null || pendingVersion != null);
      }
      if (stoppedBecause != null) {
        break;
      }
      if (pendingVersion != null) {
        switchVersion();
      } else if (!now().isBefore(nextRunAt())) {
        runOnce(nextWindowStart, nextRunAt());
        runsThisExecution++;
      }
      escalateOverdue();
      if (runsThisExecution >= RUNS_PER_EXECUTION || Workflow.getInfo().isContinueAsNewSuggested()) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        if (stoppedBecause == null && pendingVersion == null) {
          Workflow.continueAsNew(new MonitoringStart(start.useCaseId(), start.owner(), start.risk(), start.dataset(),
              start.facets(), start.policy(), start.parentWorkflowId(), version, state()));
        }
      }
    }
    registry.appendAudit(audit.next("MONITORING_STOPPED", AuditEvents.SYSTEM_ACTOR, now(),
        "reason", stoppedBecause, "runs", String.valueOf(runs)));
    showProgress();
    Workflow.await(Workflow::isEveryHandlerFinished);
    return state();
  }

  /** The old version's last partial window is checked against its own baseline before the new one takes over. */
  private void switchVersion() {
    if (now().isAfter(nextWindowStart)) {
      runOnce(nextWindowStart, now());
    }
    version = pendingVersion;
    pendingVersion = null;
    nextWindowStart = now();
    registry.appendAudit(audit.next("MONITORED_VERSION_CHANGED", AuditEvents.SYSTEM_ACTOR, now(),
        "modelVersion", version.modelVersionId()));
    showProgress();
  }

  private void runOnce(Instant windowStart, Instant windowEnd) {
    String runId = start.useCaseId() + "-run-" + (runs + 1);
    MonitoringRun run = monitoring.runMonitoring(new MonitoringRunRequest(start.useCaseId(),
        version.modelVersionId(), runId, version.endpoint(), version.baseline(), start.dataset(), start.facets(),
        windowStart, windowEnd));
    runs++;
    nextWindowStart = windowEnd;
    registry.recordMonitoringRun(run, audit.next("MONITORING_RUN", AuditEvents.SYSTEM_ACTOR, now(),
        "runId", runId, "modelVersion", run.modelVersionId(),
        "capturedRecords", String.valueOf(run.capturedRecords()),
        "labelledRecords", String.valueOf(run.labelledRecords()),
        "violations", String.valueOf(run.violations().size())));
    recentRuns.add(new MonitoringRunSummary(runId, run.modelVersionId(), windowStart, windowEnd,
        run.capturedRecords(), run.labelledRecords(), run.violations().size()));
    if (recentRuns.size() > RECENT_RUNS) {
      recentRuns.remove(0);
    }
    run.violations().forEach(violation -> raise(run, violation));
    showProgress();
  }

  /** One open finding per version, monitor, check and subject: a violation seen again counts on it. */
  private void raise(MonitoringRun run, MonitoringViolation violation) {
    MonitoringFinding open = unresolved.values().stream()
        .filter(finding -> finding.modelVersionId().equals(run.modelVersionId())
            && finding.monitor() == violation.monitor()
            && finding.checkType().equals(violation.checkType())
            && Objects.equals(finding.subject(), violation.subject()))
        .findFirst().orElse(null);
    Instant now = now();
    if (open != null) {
      record(open.seenAgain(run.runId(), violation.description(), now), "FINDING_SEEN_AGAIN",
          AuditEvents.SYSTEM_ACTOR);
      return;
    }
    Severity severity = FindingTriage.severity(violation, start.risk());
    MonitoringFinding raised = new MonitoringFinding(run.runId() + "-" + findingSuffix(violation),
        start.useCaseId(), run.modelVersionId(), violation.monitor(), violation.checkType(), violation.subject(),
        violation.description(), severity, FindingStatus.OPEN, run.runId(), run.runId(), 1, now,
        now.plus(start.policy().slaFor(severity)), 0, null, null, null, now);
    record(raised, "FINDING_RAISED", AuditEvents.SYSTEM_ACTOR);
    if (severity == Severity.HIGH && start.parentWorkflowId() != null) {
      Workflow.newExternalWorkflowStub(UseCaseWorkflow.class, start.parentWorkflowId()).findingRaised(raised);
    }
  }

  /** A finding id readable in the API: the run, the check and the subject, without characters URLs would escape. */
  private static String findingSuffix(MonitoringViolation violation) {
    String subject = violation.subject() == null ? "model" : violation.subject();
    return (violation.checkType() + "-" + subject).replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  private void escalateOverdue() {
    Instant now = now();
    for (MonitoringFinding finding : List.copyOf(unresolved.values())) {
      if (!finding.dueAt().isAfter(now)) {
        record(finding.escalated(start.policy().slaFor(finding.severity()), now), "FINDING_ESCALATED",
            AuditEvents.SYSTEM_ACTOR);
      }
    }
  }

  private void record(MonitoringFinding finding, String auditType, String actor) {
    if (finding.status() == FindingStatus.RESOLVED) {
      unresolved.remove(finding.findingId());
    } else {
      unresolved.put(finding.findingId(), finding);
    }
    registry.recordFinding(finding, audit.next(auditType, actor, finding.updatedAt(),
        "findingId", finding.findingId(), "severity", finding.severity().name(),
        "status", finding.status().name(), "checkType", finding.checkType(), "subject", finding.subject(),
        "comment", finding.comment()));
    showProgress();
  }

  @Override
  public void productionChanged(MonitoredVersion next) {
    pendingVersion = next;
  }

  @Override
  public void stop(String reason) {
    stoppedBecause = reason == null ? "stopped" : reason;
  }

  @Override
  public void admitAcknowledgement(FindingAction action) {
    admitAction(action, false);
  }

  @Override
  public MonitoringFinding acknowledge(FindingAction action) {
    return act(action, FindingStatus.ACKNOWLEDGED, "FINDING_ACKNOWLEDGED");
  }

  @Override
  public void admitResolution(FindingAction action) {
    admitAction(action, true);
  }

  @Override
  public MonitoringFinding resolve(FindingAction action) {
    return act(action, FindingStatus.RESOLVED, "FINDING_RESOLVED");
  }

  private void admitAction(FindingAction action, boolean resolving) {
    if (handledUpdateIds.contains(GateKeeper.currentUpdateId())) {
      return;
    }
    refuseIf(action == null || action.findingId() == null, Refusal.INVALID_DECISION,
        "name the finding to %s.", resolving ? "resolve" : "acknowledge");
    refuseIf(action.actor() == null || action.actorRoles() == null
            || action.actorRoles().stream().noneMatch(DECIDER_ROLES::contains), Refusal.WRONG_ROLE,
        "%s may not act on findings: it needs the role governance or operator.", action.actor());
    refuseIf(!unresolved.containsKey(action.findingId()), Refusal.FINDING_NOT_FOUND,
        "finding %s is not open in %s; read the open findings with GET /api/v1/findings?status=OPEN.",
        action.findingId(), workflowId);
    refuseIf(resolving && (action.comment() == null || action.comment().isBlank()), Refusal.COMMENT_REQUIRED,
        "resolving finding %s needs a comment that says what was done about it.", action.findingId());
  }

  /** Applied once per update id: a retried request gets the finding as it is now. */
  private MonitoringFinding act(FindingAction action, FindingStatus status, String auditType) {
    String updateId = GateKeeper.currentUpdateId();
    MonitoringFinding finding = unresolved.get(action.findingId());
    if (!handledUpdateIds.add(updateId) || finding == null) {
      return finding;
    }
    MonitoringFinding changed = finding.actedOn(status, action.actor(), action.comment(), now());
    record(changed, auditType, action.actor());
    return changed;
  }

  @Override
  public MonitoringState state() {
    return new MonitoringState(start.useCaseId(), workflowId, version, nextWindowStart,
        stoppedBecause == null ? nextRunAt() : null, runs,
        List.copyOf(unresolved.values()), List.copyOf(recentRuns), List.copyOf(handledUpdateIds),
        audit.sequence(), stoppedBecause != null, describe());
  }

  private Instant nextRunAt() {
    return nextWindowStart.plus(start.policy().intervalFor(start.risk()));
  }

  private Instant nextDue() {
    return unresolved.values().stream().map(MonitoringFinding::dueAt).min(Comparator.naturalOrder()).orElse(null);
  }

  private static Instant earliest(Instant first, Instant second) {
    return second == null || first.isBefore(second) ? first : second;
  }

  private void showProgress() {
    WorkflowProgress.show(stoppedBecause == null ? Stage.IN_PRODUCTION.name() : Stage.RETIRED.name(), null,
        describe());
  }

  private String describe() {
    StringBuilder text = new StringBuilder("Monitoring use case ").append(start.useCaseId()).append(": ");
    if (stoppedBecause != null) {
      return text.append("stopped (").append(stoppedBecause).append(") after ").append(runs).append(" runs.")
          .toString();
    }
    text.append(version.modelVersionId()).append(" at ").append(version.endpoint().url())
        .append(", every ").append(start.policy().intervalFor(start.risk()))
        .append("; ").append(runs).append(" runs, next at ").append(nextRunAt()).append('.');
    if (!recentRuns.isEmpty()) {
      MonitoringRunSummary last = recentRuns.get(recentRuns.size() - 1);
      text.append(" Last run ").append(last.runId()).append(": ").append(last.capturedRecords())
          .append(" captured, ").append(last.labelledRecords()).append(" labelled, ").append(last.violations())
          .append(" violations.");
    }
    if (unresolved.isEmpty()) {
      return text.append(" No open findings.").toString();
    }
    text.append(' ').append(unresolved.size()).append(" unresolved finding(s): ");
    text.append(String.join("; ", unresolved.values().stream()
        .map(finding -> String.format("%s %s %s on %s (%s, due %s%s)", finding.severity(), finding.monitor(),
            finding.checkType(), finding.subject(), finding.status(), finding.dueAt(),
            finding.escalations() > 0 ? ", escalated " + finding.escalations() + "x" : ""))
        .toList()));
    return text.append('.').toString();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
