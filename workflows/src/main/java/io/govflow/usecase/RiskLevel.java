package io.govflow.usecase;

/** Model risk tier. It selects the governance policy, the review period and how many people must sign off. */
public enum RiskLevel {
  LOW,
  MEDIUM,
  HIGH;

  /** Sign-off approvals required: high risk needs two distinct approvers (DESIGN.md, step 8). */
  public int requiredSignOffApprovals() {
    return this == HIGH ? 2 : 1;
  }
}
