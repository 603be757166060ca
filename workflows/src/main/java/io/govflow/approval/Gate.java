package io.govflow.approval;

import java.util.Set;

/** A point where people decide. Each gate names the role that may decide it and the outcomes it takes. */
public enum Gate {
  USE_CASE_APPROVAL("governance", "approval of the use case definition",
      Set.of(Outcome.APPROVE, Outcome.REJECT, Outcome.REQUEST_CHANGES)),
  GOVERNANCE_SIGN_OFF("governance", "sign-off of the candidate model version on its evidence",
      Set.of(Outcome.APPROVE, Outcome.REJECT)),
  PRODUCTION_APPROVAL("governance", "approval to deploy the validated model version to production",
      Set.of(Outcome.APPROVE, Outcome.REJECT)),
  /** APPROVE keeps the production version serving, RETRAIN starts a new model version, REJECT retires the model. */
  REVALIDATION("governance", "re-validation of the production model after a high-severity monitoring finding",
      Set.of(Outcome.APPROVE, Outcome.RETRAIN, Outcome.REJECT)),
  /** The same outcomes as re-validation. */
  PERIODIC_REVIEW("governance", "the periodic review of the production model that its risk tier requires",
      Set.of(Outcome.APPROVE, Outcome.RETRAIN, Outcome.REJECT)),
  /** Never held open: a governance member may retire a use case at any time, with APPROVE. */
  RETIREMENT("governance", "retirement of the use case", Set.of(Outcome.APPROVE));

  private final String deciderRole;
  private final String awaits;
  private final Set<Outcome> outcomes;

  Gate(String deciderRole, String awaits, Set<Outcome> outcomes) {
    this.deciderRole = deciderRole;
    this.awaits = awaits;
    this.outcomes = outcomes;
  }

  /** The outcomes a decision at this gate may take. */
  public Set<Outcome> outcomes() {
    return outcomes;
  }

  public String deciderRole() {
    return deciderRole;
  }

  /** What the gate awaits, in words, for the governance inbox. */
  public String awaits() {
    return awaits;
  }
}
