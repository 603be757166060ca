package io.govflow.approval;

import io.govflow.usecase.UseCaseState;

/** What a decision did, and the use case as it stands after it. */
public record DecisionResult(GateOutcome outcome, UseCaseState state) {}
