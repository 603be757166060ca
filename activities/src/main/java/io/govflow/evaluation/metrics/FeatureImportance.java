package io.govflow.evaluation.metrics;

import java.util.List;

/**
 * The {@code feature-importance} document: how much the model leans on each feature, under an {@code explanations}
 * section as in Clarify's analysis.json (where Clarify puts its SHAP values). Features are listed from the most to
 * the least important; {@code mean} and {@code std_dev} are of the drop in {@code metric} over the repeats.
 */
public record FeatureImportance(String version, Explanations explanations) {

  /** The evidence document's name in the artifact store. */
  public static final String EVIDENCE_NAME = "feature-importance";
  public static final String VERSION = "1.0";

  public record Explanations(Permutation permutationImportance) {}

  /**
   * @param baselineScore the metric on the rows as they are; null where undefined (a single class)
   * @param features every feature the model reads, most important first
   */
  public record Permutation(String method, String metric, int repeats, long seed, DatasetSize dataset, String label,
      String positiveLabel, Double baselineScore, List<Importance> features) {}

  /** The drop in the metric when the feature's values are shuffled; null where the metric is undefined. */
  public record Importance(String name, Double mean, Double stdDev) {}
}
