package io.govflow.evaluation.metrics;

import io.govflow.evaluation.metrics.ModelQuality.Estimate;
import io.govflow.evaluation.metrics.ModelQualityConstraints.ComparisonOperator;
import io.govflow.evaluation.metrics.ModelQualityConstraints.Constraint;
import io.govflow.evaluation.metrics.ModelQualityViolations.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Model Monitor's model-quality monitoring for a binary classifier: a baseline's metrics suggest constraints, and a
 * monitoring run computes the metrics of predictions whose ground truth has arrived and reports each metric on the
 * wrong side of its threshold.
 */
public final class ModelQualityMonitor {

  /** Rates of errors, where lower is better: their constraints fire above the threshold. */
  static final Set<String> ERROR_RATES = Set.of("false_positive_rate", "false_negative_rate");

  /**
   * The allowance govflow's monitors suggest constraints with: a deployed version breaks a constraint only when its
   * metric is worse than the held-out sample's own noise explains.
   */
  public static final double MONITORING_STANDARD_DEVIATIONS = 3;

  private ModelQualityMonitor() {}

  /** What a model-quality monitoring run writes: the metrics (statistics.json) and constraint_violations.json. */
  public record Result(ModelQuality statistics, ModelQualityViolations violations) {}

  /**
   * A constraint per metric the baseline defines, at the baseline's own value as Model Monitor suggests it
   * ({@code LessThanThreshold}, or {@code GreaterThanThreshold} for an error rate), moved by
   * {@code standardDeviations} bootstrap standard deviations to the worse side, so that sampling noise alone does
   * not raise a violation (0: Model Monitor's suggestion).
   */
  public static ModelQualityConstraints suggestConstraints(ModelQuality baseline, double standardDeviations) {
    if (standardDeviations < 0) {
      throw new IllegalArgumentException("the allowance is a number of standard deviations, at least 0, not "
          + standardDeviations);
    }
    Map<String, Constraint> constraints = new TreeMap<>();
    baseline.binaryClassificationMetrics().byName().forEach((name, estimate) -> {
      if (estimate.value() != null) {
        boolean errorRate = ERROR_RATES.contains(name);
        double allowance = estimate.standardDeviation() == null ? 0 : standardDeviations * estimate.standardDeviation();
        constraints.put(name, errorRate
            ? new Constraint(estimate.value() + allowance, ComparisonOperator.GREATER_THAN_THRESHOLD)
            : new Constraint(estimate.value() - allowance, ComparisonOperator.LESS_THAN_THRESHOLD));
      }
    });
    return new ModelQualityConstraints(0.0, constraints);
  }

  /**
   * Each constraint the current metrics break. A constrained metric the current data cannot define (precision with
   * no positive prediction, AUC of a single class) breaks its constraint too: nothing shows it still holds.
   */
  public static ModelQualityViolations check(ModelQuality current, ModelQualityConstraints constraints) {
    Map<String, Estimate> metrics = current.binaryClassificationMetrics().byName();
    List<Violation> violations = new ArrayList<>();
    constraints.binaryClassificationConstraints().forEach((name, constraint) -> {
      Estimate estimate = metrics.get(name);
      String operator = constraint.comparisonOperator().label();
      if (estimate == null || estimate.value() == null) {
        violations.add(new Violation(name, operator, String.format(Locale.ROOT,
            "Metric %s is not defined on the current data (%s), so its %s %s constraint cannot be shown to hold",
            name, estimate == null ? "govflow computes no such binary classification metric"
                : "too few predictions or labels of a class", operator, constraint.threshold())));
      } else if (constraint.comparisonOperator().violatedBy(estimate.value(), constraint.threshold())) {
        violations.add(new Violation(name, operator, String.format(Locale.ROOT,
            "Metric %s with %s was %s %s", name, estimate.value(), operator, constraint.threshold())));
      }
    });
    return new ModelQualityViolations(violations);
  }

  /**
   * A monitoring run over predictions with their ground truth: the metrics, and the constraints they break.
   *
   * @param label the ground truth's name, for the document's {@code label} section
   * @param groundTruth observed labels; rows whose label is missing are left out
   * @param predicted predicted labels, one per row
   * @param positiveProbability the model's probability of {@code positiveLabel}, one per row
   */
  public static Result run(String label, String positiveLabel, List<String> groundTruth, List<String> predicted,
      double[] positiveProbability, ModelQualityConstraints constraints) {
    ModelQuality statistics =
        BinaryClassification.evaluate(label, positiveLabel, groundTruth, predicted, positiveProbability);
    return new Result(statistics, check(statistics, constraints));
  }
}
