package io.govflow.monitoring;

import io.govflow.deployment.EndpointRef;
import java.time.Instant;

/** The model version serving production since {@code since}, its endpoint and the baseline it is checked against. */
public record MonitoredVersion(
    String modelVersionId, EndpointRef endpoint, MonitoringBaseline baseline, Instant since) {}
