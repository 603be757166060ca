package io.govflow.registry;

import io.govflow.deployment.Environment;
import java.time.Instant;

/** The inventory row of a use case's endpoint in one environment: what it serves, where, and whether it is up. */
public record EndpointSnapshot(
    String endpointName,
    String useCaseId,
    Environment environment,
    String modelVersionId,
    String url,
    String captureLocation,
    boolean serving,
    Instant at) {}
