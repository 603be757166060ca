package io.govflow.registry;

import io.govflow.usecase.Stage;
import io.govflow.usecase.UseCaseDefinition;
import java.time.Instant;

/** The inventory row of a use case, written whole at each change (an upsert: writing it twice is harmless). */
public record UseCaseSnapshot(
    String useCaseId, String workflowId, UseCaseDefinition definition, int revision, Stage stage, Instant at) {}
