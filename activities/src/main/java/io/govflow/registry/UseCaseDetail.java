package io.govflow.registry;

import io.govflow.usecase.UseCaseDefinition;
import java.util.List;

/** A use case with its full definition (latest revision) and its model versions, oldest first. */
public record UseCaseDetail(
    UseCaseSummary summary, UseCaseDefinition definition, List<ModelVersionSnapshot> modelVersions) {}
