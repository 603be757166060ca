package io.govflow.registry;

import java.time.Instant;
import java.util.List;

/**
 * From {@code at}, {@code modelVersionId} serves the use case's production endpoint, on the decisions listed (sign-off
 * and production approval); a null model version means nothing serves any more (retirement). The inventory closes the
 * interval of the version served before, so production history answers "what served at instant T" with one row.
 */
public record ProductionChange(
    String useCaseId, String modelVersionId, String endpointName, Instant at, List<String> decisionIds) {}
