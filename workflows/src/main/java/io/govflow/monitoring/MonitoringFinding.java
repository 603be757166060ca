package io.govflow.monitoring;

import io.govflow.policy.Severity;
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
    Instant updatedAt) {}
