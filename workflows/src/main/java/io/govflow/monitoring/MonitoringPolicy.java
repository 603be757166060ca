package io.govflow.monitoring;

import io.govflow.policy.Severity;
import io.govflow.usecase.RiskLevel;
import java.time.Duration;
import java.util.Map;

/**
 * How often each risk tier is monitored and how long a finding of each severity may stay unresolved before it is
 * escalated; pinned per case when it starts.
 */
public record MonitoringPolicy(Map<RiskLevel, Duration> interval, Map<Severity, Duration> findingSla) {

  /** Hourly for every tier; high-severity findings within 3 days, medium within 14, low within 30. */
  public static MonitoringPolicy defaults() {
    return new MonitoringPolicy(
        Map.of(RiskLevel.LOW, Duration.ofHours(1), RiskLevel.MEDIUM, Duration.ofHours(1),
            RiskLevel.HIGH, Duration.ofHours(1)),
        Map.of(Severity.HIGH, Duration.ofDays(3), Severity.MEDIUM, Duration.ofDays(14),
            Severity.LOW, Duration.ofDays(30)));
  }

  public Duration intervalFor(RiskLevel risk) {
    return interval.getOrDefault(risk, Duration.ofHours(1));
  }

  public Duration slaFor(Severity severity) {
    return findingSla.getOrDefault(severity, Duration.ofDays(30));
  }
}
