package io.govflow.approval;

import java.util.List;

/**
 * What a decision did: whether the gate closed, the resulting stage in words, and, while more approvals are needed
 * (high risk), who has approved so far.
 */
public record GateOutcome(
    String decisionId,
    Gate gate,
    Outcome outcome,
    boolean gateClosed,
    int approvalsRequired,
    List<String> approvers,
    String stage) {}
