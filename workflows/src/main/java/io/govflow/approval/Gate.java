package io.govflow.approval;

/** A point where people decide. Each gate names the role that may decide it. */
public enum Gate {
  USE_CASE_APPROVAL("governance", "approval of the use case definition"),
  GOVERNANCE_SIGN_OFF("governance", "sign-off of the candidate model version on its evidence");

  private final String deciderRole;
  private final String awaits;

  Gate(String deciderRole, String awaits) {
    this.deciderRole = deciderRole;
    this.awaits = awaits;
  }

  public String deciderRole() {
    return deciderRole;
  }

  /** What the gate awaits, in words, for the governance inbox. */
  public String awaits() {
    return awaits;
  }
}
