package io.govflow.registry;

import io.govflow.usecase.RiskLevel;
import io.govflow.usecase.Stage;
import java.time.Instant;

/** A use case as the inventory lists it: who owns it, its risk tier and where it stands. */
public record UseCaseSummary(
    String useCaseId,
    String workflowId,
    String name,
    String owner,
    RiskLevel risk,
    Stage stage,
    int revision,
    Instant createdAt,
    Instant updatedAt) {}
