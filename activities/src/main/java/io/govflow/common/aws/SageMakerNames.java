package io.govflow.common.aws;

import io.govflow.common.ResourceNames;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Names of the SageMaker resources a model version's steps create, derived from the model version and the step, so
 * that a retried activity finds what an earlier attempt made.
 */
public final class SageMakerNames {

  /** Tags on every resource a model version's steps create, naming whose it is. */
  public static final String USE_CASE_TAG = "govflow:use-case-id";
  public static final String MODEL_VERSION_TAG = "govflow:model-version-id";

  private SageMakerNames() {}

  /** {@code gf-<modelVersionId>-<step>}, within SageMaker's limits ({@link ResourceNames}). */
  public static String of(String modelVersionId, String step) {
    return ResourceNames.of(modelVersionId, step);
  }

  /** The tags, in a fixed order so that a retried create sends the same request. */
  public static List<Tag> tags(String useCaseId, String modelVersionId) {
    return List.of(Tag.builder().key(USE_CASE_TAG).value(useCaseId).build(),
        Tag.builder().key(MODEL_VERSION_TAG).value(modelVersionId).build());
  }
}
