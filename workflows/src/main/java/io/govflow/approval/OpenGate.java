package io.govflow.approval;

import java.time.Instant;
import java.util.List;

/**
 * A gate waiting for people: which workflow decides it, what it awaits, since when, its deadlines, the evidence
 * digest a decision must carry, and the approvals gathered so far (high risk needs two).
 */
public record OpenGate(
    Gate gate,
    String workflowId,
    String modelVersionId,
    String awaits,
    String evidenceDigest,
    Instant openedAt,
    Instant remindAt,
    Instant escalateAt,
    boolean reminded,
    int escalations,
    int approvalsRequired,
    List<String> approvers) {}
