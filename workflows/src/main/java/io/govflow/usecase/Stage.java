package io.govflow.usecase;

/** Where a use case (and its current model version) stands. Its name is the GovflowStage search attribute. */
public enum Stage {
  AWAITING_USE_CASE_APPROVAL("waiting for governance to approve the use case"),
  CHANGES_REQUESTED("waiting for the owner to revise the use case"),
  PROJECT_SETUP("setting up the project, model package group and model card"),
  DATA_EVALUATION("evaluating the data and pre-training bias"),
  TRAINING("training a candidate model"),
  MODEL_EVALUATION("evaluating model quality and post-training bias"),
  GOVERNANCE_CHECK("checking all evidence against the risk tier's policy"),
  AWAITING_SIGN_OFF("waiting for governance sign-off"),
  SIGNED_OFF("signed off by governance"),
  REJECTED("rejected by governance"),
  FAILED("stopped by an error that retrying cannot fix");

  private final String description;

  Stage(String description) {
    this.description = description;
  }

  /** The stage in words, for the Web UI's current details and the API. */
  public String description() {
    return description;
  }

  public boolean isFinal() {
    return this == SIGNED_OFF || this == REJECTED || this == FAILED;
  }
}
