package io.govflow.testing;

import io.govflow.approval.Decision;
import io.govflow.approval.DecisionRecord;
import io.govflow.approval.Gate;
import io.govflow.approval.Outcome;
import io.govflow.monitoring.FindingStatus;
import io.govflow.monitoring.Monitor;
import io.govflow.monitoring.MonitoringFinding;
import io.govflow.policy.Severity;
import io.govflow.registry.AuditEvent;
import io.govflow.registry.RegistryActivities;
import io.govflow.registry.UseCaseSnapshot;
import io.govflow.usecase.Dataset;
import io.govflow.usecase.ProtectedFacet;
import io.govflow.usecase.RiskLevel;
import io.govflow.usecase.RiskRating;
import io.govflow.usecase.Stage;
import io.govflow.usecase.UseCaseDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Inventory rows as the worker's registry activities write them, for API tests that read the inventory without
 * running the lifecycle. Each test names a fresh use case, so tests sharing the in-memory database never collide.
 */
public final class InventoryFixtures {

  public static final Instant T0 = Instant.parse("2026-04-01T08:00:00Z");

  private InventoryFixtures() {}

  /** A well-formed use case id ({@code uc-} and 8 lowercase hex digits) no other test uses. */
  public static String newUseCaseId() {
    return "uc-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The credit use case, high risk, owned by po1. */
  public static UseCaseDefinition definition() {
    return new UseCaseDefinition("Consumer loan approval", "Decide consumer loan applications consistently",
        List.of("retail credit"), "retail banking", "Recommend approve or refer", "po1",
        new RiskRating(RiskLevel.HIGH, List.of("credit decisions")), List.of("Statlog German Credit Data"),
        new Dataset("data/credit-g.csv", "class", "good"), List.of(new ProtectedFacet("age", null, 25.0)));
  }

  /** Records the credit use case in production. */
  public static void recordUseCase(RegistryActivities registry, String useCaseId) {
    registry.recordUseCase(new UseCaseSnapshot(useCaseId, "use-case-" + useCaseId, definition(), 1,
        Stage.IN_PRODUCTION, T0), event(useCaseId, "use-case-recorded", T0));
  }

  /** A governance decision on the use case's first model version. */
  public static DecisionRecord decision(String useCaseId, String decisionId, Gate gate, Instant at) {
    return new DecisionRecord(decisionId, useCaseId, useCaseId + "-v1", "model-version-" + useCaseId + "-v1",
        new Decision(gate, Outcome.APPROVE, "reviewed", "gov1", List.of("governance"), "ab".repeat(32)),
        "high-2026.1", at);
  }

  /** An open data-quality finding on the use case's first model version, raised at {@code raisedAt}. */
  public static MonitoringFinding finding(String useCaseId, String name, Severity severity, Instant raisedAt) {
    return new MonitoringFinding(useCaseId + "-" + name, useCaseId, useCaseId + "-v1", Monitor.DATA_QUALITY,
        "baseline_drift_check", name, "distance 0.41 exceeds threshold 0.1", severity, FindingStatus.OPEN,
        useCaseId + "-run-1", useCaseId + "-run-1", 1, raisedAt, raisedAt.plus(Duration.ofDays(3)), 0, null, null,
        null, raisedAt);
  }

  public static AuditEvent event(String useCaseId, String type, Instant at) {
    String workflowId = "monitoring-" + useCaseId;
    return new AuditEvent(workflowId + "/" + type + "/" + UUID.randomUUID(), useCaseId, null, workflowId, type,
        "govflow", at, Map.of());
  }
}
