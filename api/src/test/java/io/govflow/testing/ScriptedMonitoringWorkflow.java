package io.govflow.testing;

import static io.govflow.approval.Refusal.refuseIf;

import io.govflow.approval.Refusal;
import io.govflow.monitoring.FindingAction;
import io.govflow.monitoring.FindingStatus;
import io.govflow.monitoring.MonitoredVersion;
import io.govflow.monitoring.MonitoringFinding;
import io.govflow.monitoring.MonitoringStart;
import io.govflow.monitoring.MonitoringState;
import io.govflow.monitoring.MonitoringWorkflow;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for {@code monitoring-<id>} in API tests: it holds the findings it was started with and answers the
 * acknowledge and resolve updates as the workflow's contract says (refusing an unknown finding, a resolved one, a
 * resolution without a comment), so the tests prove what the API sends and how it maps the answers.
 */
public class ScriptedMonitoringWorkflow implements MonitoringWorkflow {

  private final String useCaseId;
  private final Map<String, MonitoringFinding> findings = new LinkedHashMap<>();
  private boolean stopped;

  @WorkflowInit
  public ScriptedMonitoringWorkflow(MonitoringStart start) {
    useCaseId = start.useCaseId();
    start.carried().unresolvedFindings().forEach(finding -> findings.put(finding.findingId(), finding));
  }

  @Override
  public MonitoringState run(MonitoringStart start) {
    Workflow.await(() -> stopped);
    return state();
  }

  @Override
  public MonitoringState state() {
    return new MonitoringState(useCaseId, Workflow.getInfo().getWorkflowId(), null, null, null, 0,
        List.copyOf(findings.values()), List.of(), List.of(), 0, stopped, "scripted");
  }

  @Override
  public void productionChanged(MonitoredVersion version) {}

  @Override
  public void stop(String reason) {
    stopped = true;
  }

  @Override
  public MonitoringFinding acknowledge(FindingAction action) {
    return update(action, FindingStatus.ACKNOWLEDGED);
  }

  @Override
  public void admitAcknowledgement(FindingAction action) {
    admit(action);
  }

  @Override
  public MonitoringFinding resolve(FindingAction action) {
    return update(action, FindingStatus.RESOLVED);
  }

  @Override
  public void admitResolution(FindingAction action) {
    admit(action);
    refuseIf(action.comment() == null || action.comment().isBlank(), Refusal.COMMENT_REQUIRED,
        "say in the comment how %s was resolved.", action.findingId());
  }

  private void admit(FindingAction action) {
    MonitoringFinding finding = findings.get(action.findingId());
    refuseIf(finding == null, Refusal.FINDING_NOT_FOUND, "monitoring of %s holds no finding %s.", useCaseId,
        action.findingId());
    refuseIf(finding.status() == FindingStatus.RESOLVED, Refusal.FINDING_ALREADY_RESOLVED,
        "%s was resolved by %s.", action.findingId(), finding.resolvedBy());
  }

  private MonitoringFinding update(FindingAction action, FindingStatus status) {
    MonitoringFinding f = findings.get(action.findingId());
    boolean resolving = status == FindingStatus.RESOLVED;
    MonitoringFinding updated = new MonitoringFinding(f.findingId(), f.useCaseId(), f.modelVersionId(), f.monitor(),
        f.checkType(), f.subject(), f.description(), f.severity(), status, f.firstRunId(), f.lastRunId(),
        f.occurrences(), f.raisedAt(), f.dueAt(), f.escalations(),
        resolving ? f.acknowledgedBy() : action.actor(), resolving ? action.actor() : null, action.comment(),
        Instant.ofEpochMilli(Workflow.currentTimeMillis()));
    findings.put(updated.findingId(), updated);
    return updated;
  }
}
