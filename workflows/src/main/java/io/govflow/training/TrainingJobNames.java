package io.govflow.training;

import io.govflow.common.Digests;

/**
 * Training job names derived from the model version, so that a retried submission finds the job it already made.
 * SageMaker allows at most 63 characters of {@code [a-zA-Z0-9-]}.
 */
public final class TrainingJobNames {

  private static final int MAX_LENGTH = 63;

  private TrainingJobNames() {}

  /** {@code gf-<modelVersionId>-train}; an id too long to fit is cut and a hash of it keeps names distinct. */
  public static String of(String modelVersionId) {
    String name = "gf-" + modelVersionId.replaceAll("[^a-zA-Z0-9-]", "-") + "-train";
    if (name.length() <= MAX_LENGTH) {
      return name;
    }
    String suffix = "-" + Digests.sha256(modelVersionId).substring(0, 8) + "-train";
    return name.substring(0, MAX_LENGTH - suffix.length()) + suffix;
  }
}
