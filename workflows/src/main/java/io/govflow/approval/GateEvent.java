package io.govflow.approval;

import java.time.Instant;

/** A reminder or escalation raised because a gate stayed open past its deadline. */
public record GateEvent(Gate gate, String workflowId, Kind kind, Instant at, String message) {

  public enum Kind {
    REMINDER,
    ESCALATION
  }
}
