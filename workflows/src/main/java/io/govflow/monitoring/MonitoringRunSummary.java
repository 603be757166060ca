package io.govflow.monitoring;

import java.time.Instant;

/** One run in a line, for queries and current details. */
public record MonitoringRunSummary(
    String runId, String modelVersionId, Instant windowStart, Instant windowEnd, long capturedRecords,
    long labelledRecords, int violations) {}
