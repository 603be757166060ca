package io.govflow.usecase;

import io.govflow.approval.GatePolicy;
import io.govflow.common.GovflowConfig;
import io.govflow.monitoring.MonitoringPolicy;
import io.govflow.policy.Severity;
import java.util.Map;

/** The deadlines, schedules and periods a new case is pinned to, from the API's configuration. */
final class LifecyclePolicies {

  private LifecyclePolicies() {}

  static UseCaseStart startOf(String useCaseId, UseCaseDefinition definition, GovflowConfig config) {
    GovflowConfig.Monitoring monitoring = config.monitoring();
    GovflowConfig.Review.Period review = config.review().period();
    return new UseCaseStart(useCaseId, definition,
        new GatePolicy(config.gates().remindAfter(), config.gates().escalateAfter()),
        new MonitoringPolicy(
            Map.of(RiskLevel.LOW, monitoring.interval().low(), RiskLevel.MEDIUM, monitoring.interval().medium(),
                RiskLevel.HIGH, monitoring.interval().high()),
            Map.of(Severity.LOW, monitoring.findingSla().low(), Severity.MEDIUM, monitoring.findingSla().medium(),
                Severity.HIGH, monitoring.findingSla().high())),
        new ReviewPolicy(Map.of(RiskLevel.LOW, review.low(), RiskLevel.MEDIUM, review.medium(),
            RiskLevel.HIGH, review.high())),
        null);
  }
}
