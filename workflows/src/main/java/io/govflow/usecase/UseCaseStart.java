package io.govflow.usecase;

import io.govflow.approval.GatePolicy;

/**
 * Input of the use-case workflow. Everything the workflow would otherwise read from configuration (the provider,
 * deadlines of human waits) is pinned here, per case, when the case starts.
 */
public record UseCaseStart(String useCaseId, UseCaseDefinition definition, GatePolicy gatePolicy) {}
