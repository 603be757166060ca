package io.govflow.monitoring.local;

import io.govflow.evaluation.metrics.ModelQuality;
import io.govflow.evaluation.metrics.ModelQuality.BinaryClassificationMetrics;
import io.govflow.evaluation.metrics.ModelQuality.Estimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Model Monitor's model-quality constraints.json for a binary classifier,
 * {@code {"version": 0.0, "binary_classification_constraints": {"auc": {"threshold": 0.71, "comparison_operator":
 * "LessThanThreshold"}, ...}}}, suggested from the offline evaluation and checked against a monitoring run's metrics.
 *
 * <p>Suggestion rule: each of accuracy, AUC, F1, precision and recall may fall to its evaluated value less
 * {@value #DEVIATIONS} of the standard deviations the evaluation's bootstrap gave it (less {@value #FALLBACK_TOLERANCE}
 * where it gave none): a run whose metric is lower than that did worse than the held-out sample's own noise explains.
 */
public record ModelQualityConstraints(double version, Map<String, Threshold> binaryClassificationConstraints) {

  public static final String LESS_THAN_THRESHOLD = "LessThanThreshold";
  public static final String GREATER_THAN_THRESHOLD = "GreaterThanThreshold";

  static final double DEVIATIONS = 3.0;
  static final double FALLBACK_TOLERANCE = 0.05;

  /** The metrics monitored, by their name in model-quality documents. */
  private static final Map<String, Function<BinaryClassificationMetrics, Estimate>> METRICS = Map.of(
      "accuracy", BinaryClassificationMetrics::accuracy,
      "auc", BinaryClassificationMetrics::auc,
      "f1", BinaryClassificationMetrics::f1,
      "precision", BinaryClassificationMetrics::precision,
      "recall", BinaryClassificationMetrics::recall);

  /** A metric's bound: a run breaks it when its value is less (or greater) than {@code threshold}. */
  public record Threshold(double threshold, String comparisonOperator) {}

  /** Model Monitor's model-quality constraint_violations.json. */
  public record Violations(List<Violation> violations) {}

  public record Violation(String metricName, String constraintCheckType, String description) {}

  public static ModelQualityConstraints suggestedFrom(ModelQuality evaluated) {
    Map<String, Threshold> thresholds = new TreeMap<>();
    METRICS.forEach((name, metric) -> {
      Estimate estimate = metric.apply(evaluated.binaryClassificationMetrics());
      if (estimate != null && estimate.value() != null) {
        double tolerance = estimate.standardDeviation() == null
            ? FALLBACK_TOLERANCE
            : DEVIATIONS * estimate.standardDeviation();
        thresholds.put(name, new Threshold(Math.max(0.0, estimate.value() - tolerance), LESS_THAN_THRESHOLD));
      }
    });
    return new ModelQualityConstraints(0.0, thresholds);
  }

  /** Every constraint the run's metrics break; a metric the run could not compute breaks none. */
  public Violations check(ModelQuality current) {
    List<Violation> violations = new ArrayList<>();
    binaryClassificationConstraints.forEach((name, threshold) -> {
      Function<BinaryClassificationMetrics, Estimate> metric = METRICS.get(name);
      Estimate estimate = metric == null ? null : metric.apply(current.binaryClassificationMetrics());
      if (estimate == null || estimate.value() == null) {
        return;
      }
      boolean broken = switch (threshold.comparisonOperator()) {
        case LESS_THAN_THRESHOLD -> estimate.value() < threshold.threshold();
        case GREATER_THAN_THRESHOLD -> estimate.value() > threshold.threshold();
        default -> throw new IllegalArgumentException("constraint of " + name + " has comparison_operator '"
            + threshold.comparisonOperator() + "': use " + LESS_THAN_THRESHOLD + " or " + GREATER_THAN_THRESHOLD);
      };
      if (broken) {
        violations.add(new Violation(name, threshold.comparisonOperator(), String.format(Locale.ROOT,
            "Metric %s with %.4f +/- %.4f was %s '%.4f'", name, estimate.value(),
            estimate.standardDeviation() == null ? 0.0 : estimate.standardDeviation(),
            threshold.comparisonOperator(), threshold.threshold())));
      }
    });
    return new Violations(violations);
  }
}
