package io.govflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.govflow.policy.Severity;
import io.govflow.usecase.RiskLevel;
import org.junit.jupiter.api.Test;

class FindingTriageTest {

  @Test
  void driftIsMediumOnALowRiskModelAndHighOnAHighRiskOne() {
    MonitoringViolation drift = violation(Monitor.DATA_QUALITY, "baseline_drift_check");

    assertThat(FindingTriage.severity(drift, RiskLevel.LOW)).isEqualTo(Severity.MEDIUM);
    assertThat(FindingTriage.severity(drift, RiskLevel.HIGH)).isEqualTo(Severity.HIGH);
  }

  @Test
  void aBrokenContractIsHighWhateverTheRisk() {
    assertThat(FindingTriage.severity(violation(Monitor.DATA_QUALITY, "missing_column_check"), RiskLevel.LOW))
        .isEqualTo(Severity.HIGH);
    assertThat(FindingTriage.severity(violation(Monitor.DATA_QUALITY, "data_type_check"), RiskLevel.LOW))
        .isEqualTo(Severity.HIGH);
  }

  @Test
  void modelQualityAndBiasDriftAreAlwaysHigh() {
    assertThat(FindingTriage.severity(violation(Monitor.MODEL_QUALITY, "LessThanThreshold"), RiskLevel.LOW))
        .isEqualTo(Severity.HIGH);
    assertThat(FindingTriage.severity(violation(Monitor.BIAS_DRIFT, "bias_drift_check"), RiskLevel.MEDIUM))
        .isEqualTo(Severity.HIGH);
  }

  @Test
  void newCategoriesAreLowUnlessTheModelIsHighRisk() {
    MonitoringViolation categories = violation(Monitor.DATA_QUALITY, "categorical_values_check");

    assertThat(FindingTriage.severity(categories, RiskLevel.MEDIUM)).isEqualTo(Severity.LOW);
    assertThat(FindingTriage.severity(categories, RiskLevel.HIGH)).isEqualTo(Severity.MEDIUM);
  }

  private static MonitoringViolation violation(Monitor monitor, String checkType) {
    return new MonitoringViolation(monitor, checkType, "age", "violated", "report");
  }
}
