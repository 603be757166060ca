package io.govflow.evaluation.metrics;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;

/**
 * Model Monitor's constraints.json for model quality: per metric of {@code binary_classification_metrics}, the
 * threshold and the {@code comparison_operator} that says on which side of it a monitoring run raises a violation
 * ({@code LessThanThreshold}: a value below the threshold violates).
 */
public record ModelQualityConstraints(double version, Map<String, Constraint> binaryClassificationConstraints) {

  public record Constraint(double threshold, ComparisonOperator comparisonOperator) {}

  /** The side of the threshold on which a value violates the constraint. */
  public enum ComparisonOperator {
    LESS_THAN_THRESHOLD("LessThanThreshold"),
    LESS_THAN_OR_EQUAL_TO_THRESHOLD("LessThanOrEqualToThreshold"),
    GREATER_THAN_THRESHOLD("GreaterThanThreshold"),
    GREATER_THAN_OR_EQUAL_TO_THRESHOLD("GreaterThanOrEqualToThreshold");

    private final String label;

    ComparisonOperator(String label) {
      this.label = label;
    }

    @JsonValue
    public String label() {
      return label;
    }

    boolean violatedBy(double value, double threshold) {
      return switch (this) {
        case LESS_THAN_THRESHOLD -> value < threshold;
        case LESS_THAN_OR_EQUAL_TO_THRESHOLD -> value <= threshold;
        case GREATER_THAN_THRESHOLD -> value > threshold;
        case GREATER_THAN_OR_EQUAL_TO_THRESHOLD -> value >= threshold;
      };
    }
  }
}
