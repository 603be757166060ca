package io.govflow.common.aws;

import io.govflow.common.Digests;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Names of the SageMaker resources a model version's steps create, derived from the model version and the step, so
 * that a retried activity finds what an earlier attempt made. SageMaker allows at most 63 characters of
 * {@code [a-zA-Z0-9-]}.
 */
public final class SageMakerNames {

  /** Tags on every resource a model version's steps create, naming whose it is. */
  public static final String USE_CASE_TAG = "govflow:use-case-id";
  public static final String MODEL_VERSION_TAG = "govflow:model-version-id";

  private static final int MAX_LENGTH = 63;

  private SageMakerNames() {}

  /**
   * {@code gf-<modelVersionId>-<step>}, as {@code TrainingJobNames} names the training job: an id too long to fit is
   * cut and a hash of it keeps names distinct.
   */
  public static String of(String modelVersionId, String step) {
    String suffix = "-" + step;
    String name = "gf-" + modelVersionId.replaceAll("[^a-zA-Z0-9-]", "-") + suffix;
    if (name.length() <= MAX_LENGTH) {
      return name;
    }
    String hashed = "-" + Digests.sha256(modelVersionId).substring(0, 8) + suffix;
    return name.substring(0, MAX_LENGTH - hashed.length()) + hashed;
  }

  /** The tags, in a fixed order so that a retried create sends the same request. */
  public static List<Tag> tags(String useCaseId, String modelVersionId) {
    return List.of(Tag.builder().key(USE_CASE_TAG).value(useCaseId).build(),
        Tag.builder().key(MODEL_VERSION_TAG).value(modelVersionId).build());
  }
}
