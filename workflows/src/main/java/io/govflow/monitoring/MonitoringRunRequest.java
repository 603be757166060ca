package io.govflow.monitoring;

import io.govflow.deployment.EndpointRef;
import io.govflow.usecase.Dataset;
import io.govflow.usecase.ProtectedFacet;
import java.time.Instant;
import java.util.List;

/**
 * One monitoring run of {@code modelVersionId} served by {@code endpoint}: traffic captured in
 * [{@code windowStart}, {@code windowEnd}) and ground truth posted in that window for any earlier capture. The run id
 * ({@code <useCaseId>-run-<n>}) keys its reports.
 */
public record MonitoringRunRequest(
    String useCaseId,
    String modelVersionId,
    String runId,
    EndpointRef endpoint,
    MonitoringBaseline baseline,
    Dataset dataset,
    List<ProtectedFacet> facets,
    Instant windowStart,
    Instant windowEnd) {}
