package io.govflow.registry;

import java.time.Instant;
import java.util.List;

/**
 * A model version serving a use case's production endpoint over [{@code from}, {@code to}), {@code to} null while it
 * still serves, with the decisions that put it there (sign-off and production approval), in the order they were taken.
 */
public record ProductionInterval(
    String modelVersionId, String endpointName, Instant from, Instant to, List<DecisionRecordView> decisions) {}
