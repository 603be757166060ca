package io.govflow.usecase;

/** The answer to creating a use case: its id, its workflow and where it stands. */
public record UseCaseCreated(String id, String workflowId, Stage stage) {}
