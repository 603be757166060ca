package io.govflow.common;

import io.temporal.failure.ApplicationFailure;

/**
 * What is wrong with a use case's data or artifacts in a way no retry can fix: each is thrown as a non-retryable
 * {@link ApplicationFailure} whose type is the constant's name, with a message saying how to fix it.
 */
public enum DataProblem {
  /** The dataset's location names no readable file. */
  DATASET_NOT_FOUND,
  /** The file is not a CSV table with a header row. */
  DATASET_UNREADABLE,
  /** The label or a protected facet names a column the CSV does not have. */
  COLUMN_NOT_FOUND,
  /** The favourable label never occurs in the label column. */
  LABEL_VALUE_NOT_FOUND,
  /** The label has fewer than two classes, so there is nothing to learn. */
  LABEL_HAS_ONE_CLASS,
  /** A protected facet sets both or neither of values and threshold. */
  FACET_INVALID,
  /** A threshold facet names a column whose values are not all numbers. */
  FACET_NOT_NUMERIC,
  /** A training job was awaited that was never started. */
  TRAINING_JOB_NOT_FOUND,
  /** The model package group a candidate is registered into does not exist (step 3 creates it). */
  MODEL_PACKAGE_GROUP_NOT_FOUND,
  /** A model file or test split is missing from the artifact store or cannot be read. */
  MODEL_ARTIFACT_UNREADABLE,
  /** A monitoring baseline document (statistics, constraints, bias report) is missing or cannot be read. */
  MONITORING_BASELINE_UNREADABLE;

  public ApplicationFailure failure(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, name());
  }

  public ApplicationFailure failure(String message, Throwable cause) {
    return ApplicationFailure.newNonRetryableFailureWithCause(message, name(), cause);
  }
}
