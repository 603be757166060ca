package io.govflow.monitoring;

import io.govflow.usecase.Dataset;
import io.govflow.usecase.ProtectedFacet;
import io.govflow.usecase.RiskLevel;
import java.util.List;

/**
 * Input of {@code monitoring-<id>}: what it monitors and how often, and, after continue-as-new, the state it carries
 * on ({@code carried}, null on the first start).
 */
public record MonitoringStart(
    String useCaseId,
    String owner,
    RiskLevel risk,
    Dataset dataset,
    List<ProtectedFacet> facets,
    MonitoringPolicy policy,
    String parentWorkflowId,
    MonitoredVersion version,
    MonitoringState carried) {}
