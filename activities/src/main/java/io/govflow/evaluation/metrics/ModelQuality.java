package io.govflow.evaluation.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code model-quality} document: Model Monitor's model quality statistics for a binary classifier, with the
 * favourable label as the positive class. {@code confusion_matrix} is keyed by observed then predicted label; each
 * metric's {@code standard_deviation} comes from a seeded bootstrap of the evaluated rows. govflow adds the
 * {@code label} section naming the label column and the positive class.
 */
public record ModelQuality(
    double version, DatasetSize dataset, LabelSpec label, BinaryClassificationMetrics binaryClassificationMetrics) {

  public record LabelSpec(String name, String positiveLabel) {}

  public record BinaryClassificationMetrics(
      Map<String, Map<String, Long>> confusionMatrix,
      Estimate recall,
      Estimate precision,
      Estimate accuracy,
      Estimate f1,
      Estimate auc,
      Estimate truePositiveRate,
      Estimate trueNegativeRate,
      Estimate falsePositiveRate,
      Estimate falseNegativeRate) {

    /** Every metric but the confusion matrix, by the name Model Monitor writes it under. */
    public Map<String, Estimate> byName() {
      Map<String, Estimate> metrics = new LinkedHashMap<>();
      metrics.put("recall", recall);
      metrics.put("precision", precision);
      metrics.put("accuracy", accuracy);
      metrics.put("f1", f1);
      metrics.put("auc", auc);
      metrics.put("true_positive_rate", truePositiveRate);
      metrics.put("true_negative_rate", trueNegativeRate);
      metrics.put("false_positive_rate", falsePositiveRate);
      metrics.put("false_negative_rate", falseNegativeRate);
      return metrics;
    }
  }

  /** A metric on the evaluated rows; null where undefined (for example precision with no positive prediction). */
  public record Estimate(Double value, Double standardDeviation) {}
}
