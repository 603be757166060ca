package io.govflow.training;

import io.govflow.common.ResourceNames;

/** Training job names derived from the model version, so that a retried submission finds the job it already made. */
public final class TrainingJobNames {

  private TrainingJobNames() {}

  /** {@code gf-<modelVersionId>-train}, within SageMaker's limits ({@link ResourceNames}). */
  public static String of(String modelVersionId) {
    return ResourceNames.of(modelVersionId, "train");
  }
}
