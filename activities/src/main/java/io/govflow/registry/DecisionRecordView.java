package io.govflow.registry;

import io.govflow.approval.Gate;
import io.govflow.approval.Outcome;
import java.time.Instant;

/** A recorded decision: who decided what at which gate, on which evidence, under which policy version. */
public record DecisionRecordView(
    String decisionId,
    String useCaseId,
    String modelVersionId,
    String workflowId,
    Gate gate,
    Outcome outcome,
    String comment,
    String actor,
    String evidenceDigest,
    String policyVersion,
    Instant decidedAt) {}
