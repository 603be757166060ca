package io.govflow.usecase;

import java.time.Duration;
import java.util.Map;

/** How often each risk tier's production model must be reviewed (step 14); pinned per case when it starts. */
public record ReviewPolicy(Map<RiskLevel, Duration> period) {

  /** Yearly for high risk, every two years for medium, every three for low. */
  public static ReviewPolicy defaults() {
    return new ReviewPolicy(Map.of(
        RiskLevel.HIGH, Duration.ofDays(365), RiskLevel.MEDIUM, Duration.ofDays(730),
        RiskLevel.LOW, Duration.ofDays(1095)));
  }

  public Duration periodFor(RiskLevel risk) {
    return period.getOrDefault(risk, Duration.ofDays(365));
  }
}
