package io.govflow.monitoring;

import io.govflow.policy.Severity;
import io.govflow.usecase.RiskLevel;

/**
 * How serious a violation is. A broken contract with the model (a missing column, a value of the wrong type), a drop
 * in model quality and drifting bias are high wherever they occur; drift and completeness are medium, new values and
 * extra columns low; a high-risk model raises every medium or low severity one level, since its errors cost most.
 */
public final class FindingTriage {

  private FindingTriage() {}

  public static Severity severity(MonitoringViolation violation, RiskLevel risk) {
    Severity base = baseSeverity(violation);
    if (risk != RiskLevel.HIGH || base == Severity.HIGH) {
      return base;
    }
    return base == Severity.MEDIUM ? Severity.HIGH : Severity.MEDIUM;
  }

  private static Severity baseSeverity(MonitoringViolation violation) {
    if (violation.monitor() != Monitor.DATA_QUALITY) {
      return Severity.HIGH;
    }
    return switch (violation.checkType()) {
      case "missing_column_check", "data_type_check" -> Severity.HIGH;
      case "baseline_drift_check", "completeness_check" -> Severity.MEDIUM;
      default -> Severity.LOW;
    };
  }
}
