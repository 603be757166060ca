package io.govflow.evaluation.metrics;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/** Model Monitor's constraint_violations.json: what a monitoring run found wrong with the new data. */
public record ConstraintViolations(List<Violation> violations) {

  /** One broken constraint; the description gives the measured value and the threshold it was held to. */
  public record Violation(String featureName, CheckType constraintCheckType, String description) {}

  public enum CheckType {
    DATA_TYPE_CHECK,
    COMPLETENESS_CHECK,
    BASELINE_DRIFT_CHECK,
    MISSING_COLUMN_CHECK,
    EXTRA_COLUMN_CHECK,
    CATEGORICAL_VALUES_CHECK;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
