package io.govflow.monitoring;

import io.govflow.evidence.EvidenceRef;
import java.time.Instant;
import java.util.List;

/**
 * What one run found: how many captured records it read and how many carried ground truth, its reports
 * (constraint_violations.json per monitor, model-quality metrics, bias drift), and every violation.
 */
public record MonitoringRun(
    String runId,
    String useCaseId,
    String modelVersionId,
    Instant windowStart,
    Instant windowEnd,
    long capturedRecords,
    long labelledRecords,
    List<EvidenceRef> reports,
    List<MonitoringViolation> violations) {}
