package io.govflow.monitoring;

import io.govflow.common.GovflowConfig;
import io.govflow.training.aws.FeatureEncoding;

/**
 * How a posted label is written as ground truth: in the form the configured provider's monitor compares with its
 * predictions, so that a correct prediction and its label match.
 */
public enum GroundTruthEncoding {

  /** The local monitor compares the label text the model predicted, so the label is kept as posted. */
  AS_POSTED {
    @Override
    public String data(String label, String favourableLabel) {
      return label;
    }
  },

  /**
   * Model Monitor's model-quality job on the aws provider (problem type BinaryClassification, probability attribute
   * and threshold, no inference attribute) predicts 1 where the endpoint's probability of the favourable label
   * reaches the threshold and 0 below it, and compares that with the ground truth: 1 for the favourable label, 0 for
   * any other, as the training channel wrote them.
   */
  FAVOURABLE_AS_ONE {
    @Override
    public String data(String label, String favourableLabel) {
      if (favourableLabel == null || favourableLabel.isBlank()) {
        throw new IllegalArgumentException("the use case names no favourable label, so its ground truth cannot be "
            + "written as 1 or 0: define the dataset's favourable label");
      }
      return FeatureEncoding.binaryLabel(label, favourableLabel);
    }
  };

  /** The one place that chooses the encoding: the provider's monitor decides what it compares. */
  public static GroundTruthEncoding of(GovflowConfig.Provider provider) {
    return switch (provider) {
      case LOCAL -> AS_POSTED;
      case AWS -> FAVOURABLE_AS_ONE;
    };
  }

  /** The ground truth data of {@code label} for a use case whose favourable label is {@code favourableLabel}. */
  public abstract String data(String label, String favourableLabel);
}
