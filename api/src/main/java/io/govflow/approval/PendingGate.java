package io.govflow.approval;

import java.time.Instant;
import java.util.List;

/** One open gate in the governance inbox: what it awaits, its deadlines, and what a decision must carry. */
public record PendingGate(
    String useCaseId,
    String useCaseName,
    Gate gate,
    String awaits,
    String workflowId,
    String modelVersionId,
    Instant openedAt,
    Instant remindAt,
    Instant escalateAt,
    boolean reminded,
    int escalations,
    int approvalsRequired,
    List<String> approvers,
    String evidenceDigest) {

  static PendingGate of(String useCaseId, String useCaseName, OpenGate gate) {
    return new PendingGate(useCaseId, useCaseName, gate.gate(), gate.awaits(), gate.workflowId(),
        gate.modelVersionId(), gate.openedAt(), gate.remindAt(), gate.escalateAt(), gate.reminded(),
        gate.escalations(), gate.approvalsRequired(), gate.approvers(), gate.evidenceDigest());
  }
}
