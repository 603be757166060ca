package io.govflow.approval;

import io.temporal.failure.ApplicationFailure;

/**
 * Why a decision, revision or finding action is refused before it enters history. The validator throws an ApplicationFailure whose
 * type is the name; this enum is the one list the API maps to HTTP statuses.
 */
public enum Refusal {
  GATE_NOT_OPEN(409, "Gate not open"),
  EVIDENCE_CHANGED(409, "Evidence changed"),
  WRONG_ROLE(403, "Wrong role"),
  OWNER_CANNOT_DECIDE(403, "Owner cannot decide"),
  ALREADY_APPROVED_BY_ACTOR(403, "Already approved by this person"),
  NOT_OWNER(403, "Only the owner may revise"),
  REVISION_NOT_EXPECTED(409, "Revision not expected"),
  OUTCOME_NOT_ALLOWED(422, "Outcome not allowed at this gate"),
  INVALID_DECISION(422, "Invalid decision"),
  ALREADY_RETIRED(409, "Already retired"),
  NOT_RETIRABLE(409, "Not retirable yet"),
  /** Acknowledging or resolving a finding the monitoring workflow does not hold open (unknown or resolved). */
  FINDING_NOT_FOUND(404, "Finding not found"),
  /** Resolving a finding without saying how it was resolved. */
  COMMENT_REQUIRED(422, "Comment required");

  private final int httpStatus;
  private final String title;

  Refusal(int httpStatus, String title) {
    this.httpStatus = httpStatus;
    this.title = title;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String title() {
    return title;
  }

  /**
   * Refuses in a validator: throws an ApplicationFailure typed with the refusal's name, whose message says what is
   * wrong and how to fix it.
   */
  public static void refuseIf(boolean refused, Refusal refusal, String message, Object... args) {
    if (refused) {
      throw ApplicationFailure.newFailure(String.format(message, args), refusal.name());
    }
  }
}
