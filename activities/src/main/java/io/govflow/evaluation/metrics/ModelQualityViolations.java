package io.govflow.evaluation.metrics;

import java.util.List;

/**
 * Model Monitor's constraint_violations.json of a model-quality run: one violation per broken metric constraint,
 * its {@code constraint_check_type} the comparison operator that fired, as in
 * {@code "Metric auc with 0.61 was LessThanThreshold 0.7"}.
 */
public record ModelQualityViolations(List<Violation> violations) {

  public record Violation(String metricName, String constraintCheckType, String description) {}
}
