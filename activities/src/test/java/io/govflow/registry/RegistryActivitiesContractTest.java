package io.govflow.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.govflow.approval.Decision;
import io.govflow.approval.DecisionRecord;
import io.govflow.approval.Gate;
import io.govflow.approval.Outcome;
import io.govflow.common.Digests;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.modelversion.ModelVersionStatus;
import io.govflow.policy.Comparison;
import io.govflow.policy.Finding;
import io.govflow.policy.Measurement;
import io.govflow.policy.PolicyResult;
import io.govflow.policy.Severity;
import io.govflow.usecase.Dataset;
import io.govflow.usecase.ProtectedFacet;
import io.govflow.usecase.RiskLevel;
import io.govflow.usecase.RiskRating;
import io.govflow.usecase.Stage;
import io.govflow.usecase.UseCaseDefinition;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the inventory and the audit trail promise, whatever the database: subclasses run it on H2 (fast, in
 * {@code test}) and on a real PostgreSQL (in {@code verify}). Every test works on its own use case, so they share one
 * database and one audit chain without seeing each other.
 */
abstract class RegistryActivitiesContractTest {

  static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456789Z");

  @Inject
  RegistryActivities registry;

  @Inject
  Inventory inventory;

  @Inject
  AuditTrail audit;

  @Inject
  DataSource dataSource;

  @TempDir
  Path artifactRoot;

  String owner;

  String useCaseId;

  @BeforeEach
  void newOwner() {
    owner = "owner-" + UUID.randomUUID().toString().substring(0, 8);
    newUseCase();
  }

  void newUseCase() {
    useCaseId = "uc-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void retriedUseCaseSnapshotIsRecordedOnce() {
    UseCaseSnapshot snapshot = useCase(Stage.AWAITING_USE_CASE_APPROVAL, 1, T0);
    AuditEvent event = event("use-case-defined", T0);

    registry.recordUseCase(snapshot, event);
    registry.recordUseCase(snapshot, event);

    Page<UseCaseSummary> page = inventory.useCases(null, null, owner, 0, 10);
    assertThat(page.total()).isEqualTo(1);
    assertThat(page.items().get(0)).isEqualTo(new UseCaseSummary(useCaseId, workflowId(), "Credit scoring " + useCaseId,
        owner, RiskLevel.HIGH, Stage.AWAITING_USE_CASE_APPROVAL, 1, micros(T0), micros(T0)));
    assertThat(inventory.useCase(useCaseId)).get()
        .satisfies(detail -> assertThat(detail.definition()).isEqualTo(snapshot.definition()));
    assertThat(inventory.auditTrail(useCaseId)).extracting(AuditEntry::eventId).containsExactly(event.eventId());
  }

  @Test
  void lateRetryOfAnOlderSnapshotDoesNotUndoANewerOne() {
    UseCaseSnapshot first = useCase(Stage.AWAITING_USE_CASE_APPROVAL, 1, T0);
    UseCaseSnapshot second = useCase(Stage.PROJECT_SETUP, 1, T0.plusSeconds(60));

    registry.recordUseCase(first, event("use-case-defined", T0));
    registry.recordUseCase(second, event("use-case-approved", T0.plusSeconds(60)));
    registry.recordUseCase(first, event("use-case-defined", T0));

    UseCaseSummary summary = inventory.useCase(useCaseId).orElseThrow().summary();
    assertThat(summary.stage()).isEqualTo(Stage.PROJECT_SETUP);
    assertThat(summary.createdAt()).isEqualTo(micros(T0));
    assertThat(summary.updatedAt()).isEqualTo(micros(T0.plusSeconds(60)));
    assertThat(inventory.auditTrail(useCaseId)).hasSize(2);
  }

  @Test
  void useCasesAreFilteredByStageRiskAndOwnerAndPaged() {
    registry.recordUseCase(useCase(Stage.AWAITING_USE_CASE_APPROVAL, 1, T0), event("use-case-defined", T0));
    String first = useCaseId;
    newUseCase();
    registry.recordUseCase(useCase(Stage.TRAINING, 1, T0.plusSeconds(1)), event("use-case-defined", T0));
    String second = useCaseId;
    newUseCase();
    registry.recordUseCase(useCase(Stage.TRAINING, 1, T0.plusSeconds(2)), event("use-case-defined", T0));
    String third = useCaseId;

    assertThat(inventory.useCases(null, null, owner, 0, 10).items()).extracting(UseCaseSummary::useCaseId)
        .containsExactly(first, second, third);
    assertThat(inventory.useCases("TRAINING", "HIGH", owner, 0, 10).items())
        .extracting(UseCaseSummary::useCaseId).containsExactly(second, third);
    assertThat(inventory.useCases("TRAINING", "LOW", owner, 0, 10).total()).isZero();
    Page<UseCaseSummary> secondPage = inventory.useCases(null, null, owner, 1, 2);
    assertThat(secondPage.items()).extracting(UseCaseSummary::useCaseId).containsExactly(third);
    assertThat(secondPage.total()).isEqualTo(3);
    assertThatThrownBy(() -> inventory.useCases("SHIPPED", null, null, 0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown stage 'SHIPPED'");
  }

  @Test
  void retriedModelVersionIsRecordedOnce() {
    registry.recordUseCase(useCase(Stage.TRAINING, 1, T0), event("use-case-defined", T0));
    EvidenceRef card = new EvidenceRef(EvidenceRef.MODEL_CARD, "file:///cards/" + useCaseId, "ab".repeat(32),
        "application/json");
    ModelVersionSnapshot snapshot = new ModelVersionSnapshot(modelVersionId(), useCaseId, 1,
        "model-version-" + useCaseId + "-v1", Stage.MODEL_EVALUATION, ModelVersionStatus.PendingManualApproval,
        "pkg-" + useCaseId + "/1", "file:///models/" + useCaseId + "/1", List.of(card),
        Digests.ofEvidence(List.of(card)), T0.plusSeconds(5));
    AuditEvent event = event("model-version-registered", T0.plusSeconds(5));

    registry.recordModelVersion(snapshot, event);
    registry.recordModelVersion(snapshot, event);

    ModelVersionSnapshot expected = new ModelVersionSnapshot(modelVersionId(), useCaseId, 1, snapshot.workflowId(),
        Stage.MODEL_EVALUATION, ModelVersionStatus.PendingManualApproval, snapshot.modelPackageId(),
        snapshot.modelLocation(), List.of(card), snapshot.evidenceDigest(), micros(T0.plusSeconds(5)));
    assertThat(inventory.modelVersion(modelVersionId())).contains(expected);
    assertThat(inventory.useCase(useCaseId).orElseThrow().modelVersions()).containsExactly(expected);
    assertThat(inventory.auditTrail(useCaseId)).hasSize(2);
  }

  @Test
  void modelVersionOfAnUnknownUseCaseFailsWithoutRetryAndWritesNothing() {
    ModelVersionSnapshot orphan = new ModelVersionSnapshot(modelVersionId(), useCaseId, 1, "model-version-x",
        Stage.TRAINING, null, null, null, List.of(), null, T0);

    assertThatThrownBy(() -> registry.recordModelVersion(orphan, event("model-version-started", T0)))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo("UNKNOWN_USE_CASE");
          assertThat(failure.isNonRetryable()).isTrue();
        });
    assertThat(inventory.modelVersion(modelVersionId())).isEmpty();
    assertThat(inventory.auditTrail(useCaseId)).isEmpty();
  }

  @Test
  void retriedDecisionIsRecordedOnce() {
    DecisionRecord decision = decision("update-" + useCaseId);
    AuditEvent event = event("decision", T0);

    registry.recordDecision(decision, event);
    registry.recordDecision(decision, event);

    assertThat(inventory.decisions(useCaseId)).containsExactly(new DecisionRecordView("update-" + useCaseId,
        useCaseId, null, workflowId(), Gate.USE_CASE_APPROVAL, Outcome.APPROVE, "clear business case", "rita",
        "cd".repeat(32), "policy-2026.1", micros(T0)));
    assertThat(inventory.auditTrail(useCaseId)).hasSize(1);
  }

  @Test
  void racingAttemptsOfOneDecisionRecordItOnce() throws Exception {
    DecisionRecord decision = decision("update-" + useCaseId);
    AuditEvent event = event("decision", T0);

    concurrently(4, 1, (thread, i) -> registry.recordDecision(decision, event));

    assertThat(inventory.decisions(useCaseId)).hasSize(1);
    assertThat(inventory.auditTrail(useCaseId)).hasSize(1);
  }

  @Test
  void retriedPolicyResultRecordsEachFindingOnce() {
    Finding ci = new Finding("class-imbalance", "groups are represented evenly", EvidenceRef.PRE_TRAINING_BIAS, "CI",
        "personal_status=female div/dep/mar", Comparison.ABS_AT_MOST, 0.5, 0.38, true, Severity.MEDIUM);
    Finding accuracy = new Finding("accuracy", "the model is accurate enough", EvidenceRef.MODEL_QUALITY, "accuracy",
        "model", Comparison.AT_LEAST, 0.8, 0.75, false, Severity.HIGH);
    Finding missing = new Finding("auc", "the model separates classes", EvidenceRef.MODEL_QUALITY, "auc", "model",
        Comparison.AT_LEAST, 0.7, null, false, Severity.HIGH);
    PolicyResult result = new PolicyResult("HIGH", "policy-2026.1", false, List.of(ci, accuracy, missing), null);
    AuditEvent event = event("governance-check", T0);

    registry.recordPolicyResult(modelVersionId(), result, event);
    registry.recordPolicyResult(modelVersionId(), result, event);

    assertThat(inventory.findings(modelVersionId())).containsExactly(
        new FindingView(modelVersionId(), "policy-2026.1", accuracy),
        new FindingView(modelVersionId(), "policy-2026.1", missing),
        new FindingView(modelVersionId(), "policy-2026.1", ci));
    assertThat(inventory.auditTrail(useCaseId)).hasSize(1);
  }

  @Test
  void metricsAreReadFromEvidenceDocumentsAndRecordedOnce() throws IOException {
    RegistryActivities onDisk = new RegistryActivitiesImpl(new LocalArtifactStore(artifactRoot), audit);
    ArtifactStore store = new LocalArtifactStore(artifactRoot);
    List<EvidenceRef> evidence = List.of(
        put(store, EvidenceRef.PRE_TRAINING_BIAS),
        put(store, EvidenceRef.MODEL_QUALITY),
        put(store, EvidenceRef.DATA_STATISTICS));
    AuditEvent event = event("metrics-recorded", T0);

    onDisk.recordMetrics(modelVersionId(), evidence, event);
    onDisk.recordMetrics(modelVersionId(), evidence, event);

    assertThat(inventory.metrics(modelVersionId())).containsExactly(
        new Measurement("data-statistics", "checking_status", "completeness", 1.0),
        new Measurement("data-statistics", "credit_amount", "completeness", 0.99),
        new Measurement("data-statistics", "label", "favourable_rate", 0.7),
        new Measurement("data-statistics", "label", "minority_class_share", 0.3),
        new Measurement("model-quality", "model", "accuracy", 0.75),
        new Measurement("model-quality", "model", "auc", 0.7843),
        new Measurement("model-quality", "model", "precision", 0.7848101265822784),
        new Measurement("model-quality", "model", "recall", 0.8857142857142857),
        new Measurement("pre-training-bias", "age=(25, 75]", "CI", 0.62),
        new Measurement("pre-training-bias", "age=(25, 75]", "DPL", 0.14944769330734242),
        new Measurement("pre-training-bias", "personal_status=female div/dep/mar", "CDDL", null),
        new Measurement("pre-training-bias", "personal_status=female div/dep/mar", "CI", 0.38),
        new Measurement("pre-training-bias", "personal_status=female div/dep/mar", "DPL", 0.07480130902290782));
    assertThat(inventory.auditTrail(useCaseId)).hasSize(1);
  }

  @Test
  void evidenceRewrittenAfterItWasReferencedFailsWithoutRetry() throws IOException {
    RegistryActivities onDisk = new RegistryActivitiesImpl(new LocalArtifactStore(artifactRoot), audit);
    LocalArtifactStore store = new LocalArtifactStore(artifactRoot);
    EvidenceRef quality = put(store, EvidenceRef.MODEL_QUALITY);
    Files.writeString(store.pathOf(quality.location()), "{\"binary_classification_metrics\": {}}");

    assertThatThrownBy(() -> onDisk.recordMetrics(modelVersionId(), List.of(quality), event("metrics", T0)))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo("EVIDENCE_DIGEST_MISMATCH");
          assertThat(failure.isNonRetryable()).isTrue();
        });
    assertThat(inventory.metrics(modelVersionId())).isEmpty();
  }

  @Test
  void auditEventWithAnExistingIdIsNotAppendedAgain() {
    AuditEvent event = event("reminder-sent", T0);

    registry.appendAudit(event);
    registry.appendAudit(event);

    assertThat(inventory.auditTrail(useCaseId)).extracting(AuditEntry::eventId).containsExactly(event.eventId());
  }

  @Test
  void auditHashIsSha256OfThePreviousHashAndTheEventsCanonicalJson() {
    AuditEvent event = new AuditEvent("ev-" + useCaseId, useCaseId, null, workflowId(), "decision", "rita", T0,
        Map.of("outcome", "APPROVE", "gate", "USE_CASE_APPROVAL"));

    registry.appendAudit(event);

    AuditEntry entry = inventory.auditTrail(useCaseId).get(0);
    String canonical = "{\"actor\":\"rita\",\"at\":\"2026-03-01T10:15:30.123456Z\","
        + "\"details\":{\"gate\":\"USE_CASE_APPROVAL\",\"outcome\":\"APPROVE\"},\"eventId\":\"ev-" + useCaseId + "\","
        + "\"modelVersionId\":null,\"type\":\"decision\",\"useCaseId\":\"" + useCaseId + "\","
        + "\"workflowId\":\"" + workflowId() + "\"}";
    assertThat(entry.hash()).isEqualTo(Digests.sha256(entry.previousHash() + canonical));
    assertThat(entry.at()).isEqualTo(micros(T0));
    assertThat(entry.details()).isEqualTo(event.details());
  }

  @Test
  void theChainStartsFromSixtyFourZeros() throws SQLException {
    registry.appendAudit(event("any", T0));

    assertThat(queryString("select previous_hash from audit_event order by seq limit 1"))
        .isEqualTo("0".repeat(64));
  }

  @Test
  void concurrentAppendsFormOneLinearChain() throws Exception {
    concurrently(4, 5, (thread, i) -> registry.appendAudit(event("step-" + thread + "-" + i, T0)));

    assertThat(inventory.auditTrail(useCaseId)).hasSize(20);
    // Linear: no two entries link to the same predecessor, so appends never forked the chain.
    assertThat(queryString("select count(distinct previous_hash) from audit_event"))
        .isEqualTo(queryString("select count(*) from audit_event"));
    AuditVerification verification = inventory.verifyAuditTrail();
    assertThat(verification.intact()).as("verification %s", verification).isTrue();
    assertThat(verification.entriesChecked()).isGreaterThanOrEqualTo(20);
  }

  @Test
  void alteredEntryIsReportedByVerification() throws SQLException {
    registry.appendAudit(event("decision", T0));
    registry.appendAudit(event("decision-notified", T0));
    AuditEntry altered = inventory.auditTrail(useCaseId).get(0);

    update("update audit_event set actor = ? where seq = ?", "mallory", altered.seq());
    try {
      AuditVerification verification = inventory.verifyAuditTrail();
      assertThat(verification.intact()).isFalse();
      assertThat(verification.firstBrokenSeq()).isEqualTo(altered.seq());
      assertThat(verification.problem()).contains("altered");
    } finally {
      update("update audit_event set actor = ? where seq = ?", altered.actor(), altered.seq());
    }
    assertThat(inventory.verifyAuditTrail().intact()).isTrue();
  }

  // --- fixtures

  String workflowId() {
    return "use-case-" + useCaseId;
  }

  String modelVersionId() {
    return useCaseId + "-v1";
  }

  UseCaseSnapshot useCase(Stage stage, int revision, Instant at) {
    UseCaseDefinition definition = new UseCaseDefinition("Credit scoring " + useCaseId,
        "decide loan applications consistently", List.of("credit risk", "compliance"), "retail lending",
        "rank applicants for manual review", owner,
        new RiskRating(RiskLevel.HIGH, List.of("affects access to credit")), List.of("loan applications 2025"),
        new Dataset("data/credit-g.csv", "class", "good"),
        List.of(new ProtectedFacet("personal_status", List.of("female div/dep/mar"), null),
            new ProtectedFacet("age", null, 25.0)));
    return new UseCaseSnapshot(useCaseId, workflowId(), definition, revision, stage, at);
  }

  AuditEvent event(String type, Instant at) {
    return new AuditEvent(workflowId() + "/" + type, useCaseId, null, workflowId(), type, "govflow", at,
        Map.of("stage", type));
  }

  DecisionRecord decision(String decisionId) {
    return new DecisionRecord(decisionId, useCaseId, null, workflowId(),
        new Decision(Gate.USE_CASE_APPROVAL, Outcome.APPROVE, "clear business case", "rita", List.of("governance"),
            "cd".repeat(32)),
        "policy-2026.1", T0);
  }

  EvidenceRef put(ArtifactStore store, String name) throws IOException {
    try (InputStream document = getClass().getResourceAsStream("/inventory-evidence/" + name + ".json")) {
      return store.put(ArtifactStore.evidenceKey(useCaseId, modelVersionId(), name), name, document.readAllBytes(),
          "application/json");
    }
  }

  static Instant micros(Instant at) {
    return at.truncatedTo(ChronoUnit.MICROS);
  }

  interface Step {
    void run(int thread, int iteration) throws Exception;
  }

  /** Runs {@code iterations} steps on each of {@code threads} threads, all released at once so that they race. */
  static void concurrently(int threads, int iterations, Step step) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Void>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Callable<Void> work = () -> {
          start.await();
          for (int i = 0; i < iterations; i++) {
            step.run(thread, i);
          }
          return null;
        };
        done.add(pool.submit(work));
      }
      start.countDown();
      for (Future<Void> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  String queryString(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getString(1);
    }
  }

  void update(String sql, Object... parameters) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.executeUpdate();
    }
  }
}
