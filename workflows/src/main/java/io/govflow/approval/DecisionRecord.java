package io.govflow.approval;

import java.time.Instant;

/**
 * A decision the workflow accepted: keyed by its update id (the client's Idempotency-Key), with the workflow that
 * took it, the model version it concerns (null for the use-case gate) and the policy version in force.
 */
public record DecisionRecord(
    String decisionId,
    String useCaseId,
    String modelVersionId,
    String workflowId,
    Decision decision,
    String policyVersion,
    Instant decidedAt) {}
