package io.govflow.modelversion;

/** Approval status of a registered model version, with SageMaker Model Registry's names. */
public enum ModelVersionStatus {
  PendingManualApproval,
  Approved,
  Rejected
}
