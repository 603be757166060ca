package io.govflow.monitoring;

import java.time.Instant;
import java.util.List;

/**
 * The monitoring workflow's state, returned by its query and carried across continue-as-new: the version it
 * monitors, where the next window starts, the runs so far, findings not yet resolved, recent runs for the API, and
 * the audit sequence so event ids stay unique across runs.
 */
public record MonitoringState(
    String useCaseId,
    String workflowId,
    MonitoredVersion version,
    Instant nextWindowStart,
    Instant nextRunAt,
    long runs,
    List<MonitoringFinding> unresolvedFindings,
    List<MonitoringRunSummary> recentRuns,
    List<String> handledUpdateIds,
    long auditSequence,
    boolean stopped,
    String details) {}
