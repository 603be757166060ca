package io.govflow.registry;

import static io.govflow.registry.RegistryActivitiesContractTest.concurrently;
import static io.govflow.registry.RegistryActivitiesContractTest.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.govflow.approval.Decision;
import io.govflow.approval.DecisionRecord;
import io.govflow.approval.Gate;
import io.govflow.approval.Outcome;
import io.govflow.deployment.Environment;
import io.govflow.evidence.EvidenceRef;
import io.govflow.monitoring.FindingStatus;
import io.govflow.monitoring.Monitor;
import io.govflow.monitoring.MonitoringFinding;
import io.govflow.monitoring.MonitoringRun;
import io.govflow.monitoring.MonitoringRunSummary;
import io.govflow.monitoring.MonitoringViolation;
import io.govflow.policy.Severity;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the inventory promises about steps 9-14 (endpoints, production history, monitoring runs and findings),
 * whatever the database: H2 in {@code test}, a real PostgreSQL in {@code verify}. Every test works on its own use
 * case; each write is sent twice, as a retried activity would.
 */
abstract class ProductionInventoryContractTest {

  static final Instant T1 = Instant.parse("2026-04-01T08:00:00.123456789Z");
  static final Instant T2 = T1.plus(Duration.ofDays(30));
  static final Instant T3 = T2.plus(Duration.ofDays(60));

  @Inject
  RegistryActivities registry;

  @Inject
  Inventory inventory;

  String useCaseId;

  @BeforeEach
  void newUseCase() {
    useCaseId = "uc-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void retriedEndpointSnapshotIsRecordedOnceAndALateOlderOneChangesNothing() {
    EndpointSnapshot testEndpoint = endpoint(Environment.TEST, "v1", true, T1);
    EndpointSnapshot deployed = endpoint(Environment.PRODUCTION, "v1", true, T1);
    EndpointSnapshot swapped = endpoint(Environment.PRODUCTION, "v2", true, T2);

    registry.recordEndpoint(deployed, event("endpoint-prod-1", T1));
    registry.recordEndpoint(testEndpoint, event("endpoint-test-1", T1));
    registry.recordEndpoint(testEndpoint, event("endpoint-test-1", T1));
    registry.recordEndpoint(swapped, event("endpoint-prod-2", T2));
    registry.recordEndpoint(deployed, event("endpoint-prod-1", T1));

    assertThat(inventory.endpoints(useCaseId)).containsExactly(
        new EndpointSnapshot(endpointName(Environment.TEST), useCaseId, Environment.TEST, useCaseId + "-v1",
            "http://127.0.0.1:9001/" + endpointName(Environment.TEST), "data-capture/" + endpointName(Environment.TEST),
            true, micros(T1)),
        new EndpointSnapshot(endpointName(Environment.PRODUCTION), useCaseId, Environment.PRODUCTION,
            useCaseId + "-v2", "http://127.0.0.1:9001/" + endpointName(Environment.PRODUCTION),
            "data-capture/" + endpointName(Environment.PRODUCTION), true, micros(T2)));
    assertThat(inventory.auditTrail(useCaseId)).hasSize(3);
  }

  @Test
  void productionHistoryAnswersWhatServedAtEachInstant() {
    registry.recordDecision(decision("sign-off-1", T1.minusSeconds(7200)), event("decision-1", T1));
    registry.recordDecision(decision("production-1", T1.minusSeconds(60)), event("decision-2", T1));
    registry.recordDecision(decision("production-2", T2.minusSeconds(60)), event("decision-3", T2));
    ProductionChange first = change("v1", T1, "production-1", "sign-off-1");
    ProductionChange second = change("v2", T2, "production-2");
    ProductionChange retirement = new ProductionChange(useCaseId, null, null, T3, List.of());

    registry.recordProductionChange(first, event("production-v1", T1));
    registry.recordProductionChange(first, event("production-v1", T1));
    registry.recordProductionChange(second, event("production-v2", T2));
    registry.recordProductionChange(second, event("production-v2", T2));
    registry.recordProductionChange(first, event("production-v1", T1));
    registry.recordProductionChange(retirement, event("retired", T3));
    registry.recordProductionChange(retirement, event("retired", T3));

    List<ProductionInterval> history = inventory.productionHistory(useCaseId);
    assertThat(history).extracting(ProductionInterval::modelVersionId, ProductionInterval::from,
            ProductionInterval::to)
        .containsExactly(
            tuple(useCaseId + "-v1", micros(T1), micros(T2)),
            tuple(useCaseId + "-v2", micros(T2), micros(T3)));
    assertThat(history.get(0).decisions()).extracting(DecisionRecordView::decisionId)
        .containsExactly(useCaseId + "-sign-off-1", useCaseId + "-production-1");
    assertThat(history.get(0).endpointName()).isEqualTo(endpointName(Environment.PRODUCTION));

    assertThat(inventory.productionAt(useCaseId, T1.minusNanos(1000))).isEmpty();
    assertThat(inventory.productionAt(useCaseId, T1)).get().extracting(ProductionInterval::modelVersionId)
        .isEqualTo(useCaseId + "-v1");
    assertThat(inventory.productionAt(useCaseId, T1.plus(Duration.ofDays(10)))).get()
        .isEqualTo(history.get(0));
    assertThat(inventory.productionAt(useCaseId, T2.minusNanos(1000))).get()
        .extracting(ProductionInterval::modelVersionId).isEqualTo(useCaseId + "-v1");
    assertThat(inventory.productionAt(useCaseId, T2)).get().isEqualTo(history.get(1));
    assertThat(history.get(1).decisions()).extracting(DecisionRecordView::decisionId, DecisionRecordView::gate)
        .containsExactly(tuple(useCaseId + "-production-2", Gate.PRODUCTION_APPROVAL));
    assertThat(inventory.productionAt(useCaseId, T3)).isEmpty();
    assertThat(inventory.productionAt(useCaseId, T3.plus(Duration.ofDays(365)))).isEmpty();
    assertThat(inventory.auditTrail(useCaseId)).extracting(AuditEntry::type)
        .containsExactly("decision-1", "decision-2", "decision-3", "production-v1", "production-v2", "retired");
  }

  @Test
  void theVersionAlreadyServingChangesNothing() {
    registry.recordProductionChange(change("v1", T1), event("production-v1", T1));

    registry.recordProductionChange(change("v1", T2), event("production-v1-again", T2));

    assertThat(inventory.productionHistory(useCaseId)).singleElement()
        .satisfies(interval -> {
          assertThat(interval.from()).isEqualTo(micros(T1));
          assertThat(interval.to()).isNull();
        });
    assertThat(inventory.productionAt(useCaseId, T3)).get().extracting(ProductionInterval::modelVersionId)
        .isEqualTo(useCaseId + "-v1");
  }

  @Test
  void changeBeforeTheOneInForceFailsWithoutRetryAndWritesNothing() {
    registry.recordProductionChange(change("v2", T2), event("production-v2", T2));

    assertThatThrownBy(() -> registry.recordProductionChange(change("v1", T1), event("production-v1", T1)))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo("PRODUCTION_CHANGE_OUT_OF_ORDER");
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getOriginalMessage()).contains(useCaseId + "-v2 since " + micros(T2));
        });
    assertThat(inventory.productionHistory(useCaseId)).extracting(ProductionInterval::modelVersionId)
        .containsExactly(useCaseId + "-v2");
    assertThat(inventory.auditTrail(useCaseId)).extracting(AuditEntry::type).containsExactly("production-v2");
  }

  @Test
  void racingAttemptsOfOneProductionChangeOpenOneInterval() throws Exception {
    registry.recordProductionChange(change("v1", T1), event("production-v1", T1));
    ProductionChange second = change("v2", T2);

    concurrently(4, 1, (thread, i) -> registry.recordProductionChange(second, event("production-v2", T2)));

    assertThat(inventory.productionHistory(useCaseId))
        .extracting(ProductionInterval::modelVersionId, ProductionInterval::to)
        .containsExactly(tuple(useCaseId + "-v1", micros(T2)),
            tuple(useCaseId + "-v2", null));
    assertThat(inventory.auditTrail(useCaseId)).hasSize(2);
  }

  @Test
  void retriedMonitoringRunIsRecordedOnceAndReadBackWhole() {
    MonitoringRun first = run(1, T1, List.of());
    MonitoringRun second = run(2, T1.plus(Duration.ofHours(1)), List.of(
        new MonitoringViolation(Monitor.DATA_QUALITY, "baseline_drift_check", "age",
            "distance 0.41 exceeds threshold 0.1", "data-quality-constraint-violations")));

    registry.recordMonitoringRun(first, event("run-1", T1));
    registry.recordMonitoringRun(second, event("run-2", T1));
    registry.recordMonitoringRun(second, event("run-2", T1));

    assertThat(inventory.monitoringRun(second.runId())).contains(second);
    assertThat(inventory.monitoringRuns(useCaseId, 10)).containsExactly(
        new MonitoringRunSummary(second.runId(), useCaseId + "-v1", second.windowStart(), second.windowEnd(), 1000,
            250, 1),
        new MonitoringRunSummary(first.runId(), useCaseId + "-v1", first.windowStart(), first.windowEnd(), 1000, 250,
            0));
    assertThat(inventory.monitoringRuns(useCaseId, 1)).extracting(MonitoringRunSummary::runId)
        .containsExactly(second.runId());
    assertThat(inventory.monitoringRun(useCaseId + "-run-99")).isEmpty();
    assertThat(inventory.auditTrail(useCaseId)).hasSize(2);
  }

  @Test
  void retriedFindingIsRecordedOnceAndALateOlderStateDoesNotUndoANewerOne() {
    MonitoringFinding raised = finding("drift-age", Severity.MEDIUM, FindingStatus.OPEN, T1, null, T1);
    MonitoringFinding acknowledged = new MonitoringFinding(raised.findingId(), useCaseId, raised.modelVersionId(),
        raised.monitor(), raised.checkType(), raised.subject(), raised.description(), raised.severity(),
        FindingStatus.ACKNOWLEDGED, raised.firstRunId(), useCaseId + "-run-2", 2, T1, raised.dueAt(), 0, "ops1", null,
        "looking into the age shift", T1.plus(Duration.ofHours(2)));

    registry.recordFinding(raised, event("finding-raised", T1));
    registry.recordFinding(raised, event("finding-raised", T1));
    registry.recordFinding(acknowledged, event("finding-acknowledged", acknowledged.updatedAt()));
    registry.recordFinding(raised, event("finding-raised", T1));

    assertThat(inventory.monitoringFinding(raised.findingId())).contains(withMicros(acknowledged));
    assertThat(inventory.auditTrail(useCaseId)).extracting(AuditEntry::type)
        .containsExactly("finding-raised", "finding-acknowledged");
  }

  @Test
  void findingsAreFilteredByUseCaseStatusAndSeverityNewestFirst() {
    MonitoringFinding oldHigh = finding("quality", Severity.HIGH, FindingStatus.OPEN, T1, null, T1);
    MonitoringFinding newMedium = finding("drift-age", Severity.MEDIUM, FindingStatus.OPEN, T2, null, T2);
    MonitoringFinding resolved = finding("missing-column", Severity.HIGH, FindingStatus.RESOLVED, T1.plusSeconds(1),
        "gov1", T2);
    List.of(oldHigh, newMedium, resolved).forEach(f -> registry.recordFinding(f, event(f.findingId(), T2)));

    assertThat(inventory.monitoringFindings(useCaseId, null, null, 10)).extracting(MonitoringFinding::findingId)
        .containsExactly(newMedium.findingId(), resolved.findingId(), oldHigh.findingId());
    assertThat(inventory.monitoringFindings(useCaseId, FindingStatus.OPEN, Severity.HIGH, 10))
        .containsExactly(withMicros(oldHigh));
    assertThat(inventory.monitoringFindings(useCaseId, FindingStatus.RESOLVED, null, 10))
        .extracting(MonitoringFinding::resolvedBy).containsExactly("gov1");
    assertThat(inventory.monitoringFindings(useCaseId, null, null, 2)).hasSize(2);
    assertThat(inventory.monitoringFindings(null, FindingStatus.OPEN, null, Inventory.MAX_PAGE_SIZE))
        .extracting(MonitoringFinding::findingId).contains(oldHigh.findingId(), newMedium.findingId())
        .doesNotContain(resolved.findingId());
    assertThatThrownBy(() -> inventory.monitoringFindings(useCaseId, null, null, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be between 1 and 200, got 0");
  }

  // --- fixtures

  String endpointName(Environment environment) {
    return "gf-" + useCaseId + "-" + environment.suffix();
  }

  EndpointSnapshot endpoint(Environment environment, String version, boolean serving, Instant at) {
    String name = endpointName(environment);
    return new EndpointSnapshot(name, useCaseId, environment, useCaseId + "-" + version,
        "http://127.0.0.1:9001/" + name, "data-capture/" + name, serving, at);
  }

  ProductionChange change(String version, Instant at, String... decisions) {
    return new ProductionChange(useCaseId, useCaseId + "-" + version, endpointName(Environment.PRODUCTION), at,
        Arrays.stream(decisions).map(d -> useCaseId + "-" + d).toList());
  }

  DecisionRecord decision(String id, Instant at) {
    Gate gate = id.startsWith("sign-off") ? Gate.GOVERNANCE_SIGN_OFF : Gate.PRODUCTION_APPROVAL;
    return new DecisionRecord(useCaseId + "-" + id, useCaseId, useCaseId + "-v1", "model-version-" + useCaseId + "-v1",
        new Decision(gate, Outcome.APPROVE, "ready", "gov1", List.of("governance"), "ab".repeat(32)),
        "policy-2026.1", at);
  }

  MonitoringRun run(int n, Instant windowStart, List<MonitoringViolation> violations) {
    String runId = useCaseId + "-run-" + n;
    Instant start = micros(windowStart);
    EvidenceRef report = new EvidenceRef("data-quality-constraint-violations",
        "file:///artifacts/use-cases/" + useCaseId + "/monitoring/" + runId + "/constraint_violations.json",
        "cd".repeat(32), "application/json");
    return new MonitoringRun(runId, useCaseId, useCaseId + "-v1", start, start.plus(Duration.ofHours(1)), 1000, 250,
        List.of(report), violations);
  }

  MonitoringFinding finding(String id, Severity severity, FindingStatus status, Instant raisedAt, String resolvedBy,
      Instant updatedAt) {
    return new MonitoringFinding(useCaseId + "-" + id, useCaseId, useCaseId + "-v1", Monitor.DATA_QUALITY,
        "baseline_drift_check", "age", "distance 0.41 exceeds threshold 0.1", severity, status, useCaseId + "-run-1",
        useCaseId + "-run-1", 1, raisedAt, raisedAt.plus(Duration.ofDays(14)), 0, null, resolvedBy, null, updatedAt);
  }

  static MonitoringFinding withMicros(MonitoringFinding f) {
    return new MonitoringFinding(f.findingId(), f.useCaseId(), f.modelVersionId(), f.monitor(), f.checkType(),
        f.subject(), f.description(), f.severity(), f.status(), f.firstRunId(), f.lastRunId(), f.occurrences(),
        micros(f.raisedAt()), micros(f.dueAt()), f.escalations(), f.acknowledgedBy(), f.resolvedBy(), f.comment(),
        micros(f.updatedAt()));
  }

  AuditEvent event(String type, Instant at) {
    String workflowId = "monitoring-" + useCaseId;
    return new AuditEvent(workflowId + "/" + type, useCaseId, null, workflowId, type, "govflow", at, Map.of());
  }
}
