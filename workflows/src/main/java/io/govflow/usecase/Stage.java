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
  TEST_DEPLOYMENT("deploying the signed-off version to the test endpoint"),
  VALIDATION_IN_TEST("validating the test endpoint: schema, latency and sample predictions"),
  VALIDATION_FAILED("kept in test: validation of the test endpoint failed, so production approval is blocked"),
  AWAITING_PRODUCTION_APPROVAL("waiting for governance to approve production deployment"),
  KEPT_IN_TEST("kept in test: production deployment was rejected"),
  PRODUCTION_DEPLOYMENT("deploying to production with data capture and monitoring baselines"),
  IN_PRODUCTION("serving production, monitored"),
  AWAITING_REVALIDATION("serving production; waiting for governance to re-validate after a high-severity finding"),
  RETRAINING("serving production while a new model version goes through steps 3-12"),
  AWAITING_PERIODIC_REVIEW("serving production; waiting for the periodic review the risk tier requires"),
  WITHDRAWN("withdrawn: the use case was retired before this version reached production"),
  RETIRED("retired: endpoints removed, monitoring stopped, model card archived"),
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

  /** A model version in this stage has finished its workflow (steps 3-12). */
  public boolean endsModelVersion() {
    return switch (this) {
      case SIGNED_OFF, VALIDATION_FAILED, KEPT_IN_TEST, IN_PRODUCTION, WITHDRAWN, REJECTED, FAILED -> true;
      default -> false;
    };
  }
}
