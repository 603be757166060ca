package io.govflow.approval;

public enum Outcome {
  APPROVE,
  REJECT,
  REQUEST_CHANGES,
  /** At a re-validation or periodic review: train a new model version while the current one keeps serving. */
  RETRAIN
}
