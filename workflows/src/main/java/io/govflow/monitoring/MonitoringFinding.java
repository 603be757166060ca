package io.govflow.monitoring;

import io.govflow.policy.Severity;
import java.time.Duration;
import java.time.Instant;

/**
 * A monitoring finding: one violation kind on one subject of one model version, open until someone resolves it.
 * Runs that see the violation again add to {@code occurrences} rather than raising another finding. {@code dueAt} is
 * the severity's SLA; each SLA period that passes unresolved escalates it.
 */
public record MonitoringFinding(
    String findingId,
    String useCaseId,
    String modelVersionId,
    Monitor monitor,
    String checkType,
    String subject,
    String description,
    Severity severity,
    FindingStatus status,
    String firstRunId,
    String lastRunId,
    int occurrences,
    Instant raisedAt,
    Instant dueAt,
    int escalations,
    String acknowledgedBy,
    String resolvedBy,
    String comment,
    Instant updatedAt) {

  /** Seen again by run {@code runId}: one more occurrence, with that run's description. */
  public MonitoringFinding seenAgain(String runId, String latestDescription, Instant at) {
    return new MonitoringFinding(findingId, useCaseId, modelVersionId, monitor, checkType, subject, latestDescription,
        severity, status, firstRunId, runId, occurrences + 1, raisedAt, dueAt, escalations, acknowledgedBy,
        resolvedBy, comment, at);
  }

  /** Unresolved past its SLA: escalated once more and due again one {@code sla} later. */
  public MonitoringFinding escalated(Duration sla, Instant at) {
    return new MonitoringFinding(findingId, useCaseId, modelVersionId, monitor, checkType, subject, description,
        severity, status, firstRunId, lastRunId, occurrences, raisedAt, dueAt.plus(sla), escalations + 1,
        acknowledgedBy, resolvedBy, comment, at);
  }

  /** Acknowledged or resolved by {@code actor}; a comment, when given, replaces the last one. */
  public MonitoringFinding actedOn(FindingStatus next, String actor, String newComment, Instant at) {
    boolean resolving = next == FindingStatus.RESOLVED;
    return new MonitoringFinding(findingId, useCaseId, modelVersionId, monitor, checkType, subject, description,
        severity, next, firstRunId, lastRunId, occurrences, raisedAt, dueAt, escalations,
        resolving ? acknowledgedBy : actor, resolving ? actor : null, newComment == null ? comment : newComment, at);
  }
}
