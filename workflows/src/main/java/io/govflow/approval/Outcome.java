package io.govflow.approval;

public enum Outcome {
  APPROVE,
  REJECT,
  REQUEST_CHANGES
}
