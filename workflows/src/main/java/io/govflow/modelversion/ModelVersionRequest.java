package io.govflow.modelversion;

import io.govflow.approval.GatePolicy;
import io.govflow.usecase.UseCaseDefinition;

/** Input of {@code model-version-<id>-v<n>}: the approved definition the version is built for. */
public record ModelVersionRequest(
    String useCaseId, int version, UseCaseDefinition definition, GatePolicy gatePolicy, String parentWorkflowId) {}
