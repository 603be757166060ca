package io.govflow.usecase;

/** One use case in a listing, read from Temporal visibility without querying the workflow. */
public record UseCaseSummary(
    String id, String workflowId, String name, Stage stage, RiskLevel risk, String owner, String pendingGate) {}
