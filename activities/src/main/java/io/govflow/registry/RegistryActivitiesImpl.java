package io.govflow.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.govflow.approval.DecisionRecord;
import io.govflow.common.Digests;
import io.govflow.evidence.ArtifactNotFoundException;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import io.govflow.monitoring.MonitoringFinding;
import io.govflow.monitoring.MonitoringRun;
import io.govflow.monitoring.MonitoringViolation;
import io.govflow.policy.EvidenceMeasurements;
import io.govflow.policy.Finding;
import io.govflow.policy.Measurement;
import io.govflow.policy.PolicyResult;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.temporal.failure.ApplicationFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes the inventory and the audit trail. Each method runs in its own transaction, which writes the fact and
 * appends its audit event together. Facts are keyed by the ids the workflow computed: a retry finds its row and
 * writes nothing new, and snapshots are upserts.
 *
 * <p>A CDI bean, unlike the other activities, because it needs the container's transactions and Hibernate session.
 */
@ApplicationScoped
public class RegistryActivitiesImpl implements RegistryActivities {

  /**
   * SQL states meaning "another transaction got there first": unique violation, serialization failure, deadlock.
   * Running the write again re-reads and finds the winner's rows.
   */
  private static final Set<String> LOST_RACE = Set.of("23505", "40001", "40P01");

  private final ArtifactStore artifacts;
  private final AuditTrail audit;

  @Inject
  RegistryActivitiesImpl(ArtifactStore artifacts, AuditTrail audit) {
    this.artifacts = artifacts;
    this.audit = audit;
  }

  @Override
  public void recordUseCase(UseCaseSnapshot snapshot, AuditEvent event) {
    writeOnce(() -> {
      upsertUseCase(snapshot);
      audit.append(event);
    });
  }

  @Override
  public void recordModelVersion(ModelVersionSnapshot snapshot, AuditEvent event) {
    writeOnce(() -> {
      upsertModelVersion(snapshot);
      audit.append(event);
    });
  }

  @Override
  public void recordDecision(DecisionRecord decision, AuditEvent event) {
    writeOnce(() -> {
      if (DecisionRow.findById(decision.decisionId()) == null) {
        decisionRow(decision).persist();
      }
      audit.append(event);
    });
  }

  @Override
  public void recordMetrics(String modelVersionId, List<EvidenceRef> evidence, AuditEvent event) {
    // Documents are read before the transaction opens: no database lock waits on the artifact store.
    List<Measurement> measurements = new ArrayList<>();
    evidence.forEach(ref -> measurements.addAll(measurementsOf(ref)));
    writeOnce(() -> {
      upsertMetrics(modelVersionId, measurements);
      audit.append(event);
    });
  }

  @Override
  public void recordPolicyResult(String modelVersionId, PolicyResult result, AuditEvent event) {
    writeOnce(() -> {
      upsertFindings(modelVersionId, result);
      audit.append(event);
    });
  }

  @Override
  public void appendAudit(AuditEvent event) {
    writeOnce(() -> audit.append(event));
  }

  @Override
  public void recordEndpoint(EndpointSnapshot endpoint, AuditEvent event) {
    writeOnce(() -> {
      upsertEndpoint(endpoint);
      audit.append(event);
    });
  }

  @Override
  public void recordProductionChange(ProductionChange change, AuditEvent event) {
    writeOnce(() -> {
      applyProductionChange(change);
      audit.append(event);
    });
  }

  @Override
  public void recordMonitoringRun(MonitoringRun run, AuditEvent event) {
    writeOnce(() -> {
      if (MonitoringRunRow.findById(run.runId()) == null) {
        monitoringRunRow(run, event.at()).persist();
      }
      audit.append(event);
    });
  }

  @Override
  public void recordFinding(MonitoringFinding finding, AuditEvent event) {
    writeOnce(() -> {
      upsertFinding(finding, event.at());
      audit.append(event);
    });
  }

  /**
   * Runs one idempotent write in a transaction of its own. Two attempts of one activity can race (a timed-out attempt
   * still running beside its retry); the loser hits a unique key, its transaction is rolled back, and the write runs
   * once more in a new one, where it reads the winner's rows and adds nothing.
   */
  private static void writeOnce(Runnable write) {
    try {
      QuarkusTransaction.requiringNew().run(write);
    } catch (RuntimeException e) {
      if (!lostRace(e)) {
        throw e;
      }
      QuarkusTransaction.requiringNew().run(write);
    }
  }

  private static boolean lostRace(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && LOST_RACE.contains(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static void upsertUseCase(UseCaseSnapshot snapshot) {
    Instant at = micros(snapshot.at());
    UseCaseRow row = UseCaseRow.findById(snapshot.useCaseId());
    if (row == null) {
      row = new UseCaseRow();
      row.id = snapshot.useCaseId();
      row.createdAt = at;
    } else if (row.updatedAt.isAfter(at)) {
      return; // a late attempt of an older write: the newer snapshot stays
    }
    row.workflowId = snapshot.workflowId();
    row.name = snapshot.definition().name();
    row.owner = snapshot.definition().owner();
    row.risk = snapshot.definition().risk().level().name();
    row.stage = snapshot.stage().name();
    row.revision = snapshot.revision();
    row.definition = RegistryJson.write(snapshot.definition());
    row.updatedAt = at;
    row.persist();
  }

  private static void upsertModelVersion(ModelVersionSnapshot snapshot) {
    if (UseCaseRow.findById(snapshot.useCaseId()) == null) {
      throw ApplicationFailure.newNonRetryableFailure("model version " + snapshot.modelVersionId() + " names use case "
          + snapshot.useCaseId() + ", which is not in the inventory; record the use case first", "UNKNOWN_USE_CASE");
    }
    Instant at = micros(snapshot.at());
    ModelVersionRow row = ModelVersionRow.findById(snapshot.modelVersionId());
    if (row == null) {
      row = new ModelVersionRow();
      row.id = snapshot.modelVersionId();
    } else if (row.updatedAt.isAfter(at)) {
      return; // a late attempt of an older write: the newer snapshot stays
    }
    row.useCaseId = snapshot.useCaseId();
    row.version = snapshot.version();
    row.workflowId = snapshot.workflowId();
    row.stage = snapshot.stage().name();
    row.status = snapshot.status() == null ? null : snapshot.status().name();
    row.modelPackageId = snapshot.modelPackageId();
    row.modelLocation = snapshot.modelLocation();
    row.evidence = RegistryJson.write(snapshot.evidence() == null ? List.of() : snapshot.evidence());
    row.evidenceDigest = snapshot.evidenceDigest();
    row.updatedAt = at;
    row.persist();
  }

  private static DecisionRow decisionRow(DecisionRecord decision) {
    DecisionRow row = new DecisionRow();
    row.decisionId = decision.decisionId();
    row.useCaseId = decision.useCaseId();
    row.modelVersionId = decision.modelVersionId();
    row.workflowId = decision.workflowId();
    row.gate = decision.decision().gate().name();
    row.outcome = decision.decision().outcome().name();
    row.comment = decision.decision().comment();
    row.actor = decision.decision().actor();
    row.evidenceDigest = decision.decision().evidenceDigest();
    row.policyVersion = decision.policyVersion();
    row.decidedAt = micros(decision.decidedAt());
    return row;
  }

  private static void upsertMetrics(String modelVersionId, List<Measurement> measurements) {
    Map<MetricKey, MetricRow> stored = MetricRow.<MetricRow>list("modelVersionId", modelVersionId).stream()
        .collect(Collectors.toMap(m -> new MetricKey(m.evidence, m.subject, m.metric), Function.identity()));
    // Keyed like the unique constraint, last value winning, so that a document naming a metric twice inserts once.
    Map<MetricKey, Double> values = new LinkedHashMap<>();
    measurements.forEach(m -> values.put(new MetricKey(m.evidence(), m.subject(), m.metric()), m.value()));
    values.forEach((key, value) -> {
      MetricRow row = stored.get(key);
      if (row == null) {
        row = new MetricRow();
        row.modelVersionId = modelVersionId;
        row.evidence = key.evidence();
        row.subject = key.subject();
        row.metric = key.metric();
        row.value = value;
        row.persist();
      } else {
        row.value = value;
      }
    });
  }

  private record MetricKey(String evidence, String subject, String metric) {}

  private static void upsertFindings(String modelVersionId, PolicyResult result) {
    Map<FindingKey, FindingRow> stored = FindingRow.<FindingRow>list(
            "modelVersionId = ?1 and policyVersion = ?2", modelVersionId, result.policyVersion()).stream()
        .collect(Collectors.toMap(f -> new FindingKey(f.rule, f.subject), Function.identity()));
    Map<FindingKey, Finding> findings = new LinkedHashMap<>();
    result.findings().forEach(f -> findings.put(new FindingKey(f.rule(), subjectOf(f)), f));
    findings.forEach((key, finding) -> {
      FindingRow row = stored.get(key);
      if (row == null) {
        row = new FindingRow();
        row.modelVersionId = modelVersionId;
        row.policyVersion = result.policyVersion();
        row.rule = key.rule();
        row.subject = key.subject();
      }
      row.description = finding.description();
      row.evidence = finding.evidence();
      row.metric = finding.metric();
      row.comparison = finding.comparison() == null ? null : finding.comparison().name();
      row.threshold = finding.threshold();
      row.measured = finding.measured();
      row.passed = finding.passed();
      row.severity = finding.severity() == null ? null : finding.severity().name();
      row.persist();
    });
  }

  private record FindingKey(String rule, String subject) {}

  /** The subject is part of the finding's key, and a key column cannot hold null: a rule on no subject keys on "". */
  private static String subjectOf(Finding finding) {
    return Objects.requireNonNullElse(finding.subject(), "");
  }

  private static void upsertEndpoint(EndpointSnapshot endpoint) {
    Instant at = micros(endpoint.at());
    EndpointRow row = EndpointRow.findById(endpoint.endpointName());
    if (row == null) {
      row = new EndpointRow();
      row.name = endpoint.endpointName();
    } else if (row.updatedAt.isAfter(at)) {
      return; // a late attempt of an older write: the newer snapshot stays
    }
    row.useCaseId = endpoint.useCaseId();
    row.environment = endpoint.environment().name();
    row.modelVersionId = endpoint.modelVersionId();
    row.url = endpoint.url();
    row.captureLocation = endpoint.captureLocation();
    row.serving = endpoint.serving();
    row.updatedAt = at;
    row.persist();
  }

  /**
   * Closes the open interval at the change's instant and opens the change's own. A change already applied changes
   * nothing: its interval exists, or the version it names is the one serving, or (a retirement) nothing is open.
   */
  private static void applyProductionChange(ProductionChange change) {
    Instant at = micros(change.at());
    String version = change.modelVersionId();
    if (version != null && ProductionIntervalRow.count("useCaseId = ?1 and servedFrom = ?2", change.useCaseId(), at)
        > 0) {
      return;
    }
    Optional<ProductionIntervalRow> open = ProductionIntervalRow.<ProductionIntervalRow>find(
        "useCaseId = ?1 and servedUntil is null", change.useCaseId()).firstResultOptional();
    if (open.isPresent()) {
      ProductionIntervalRow serving = open.get();
      if (serving.modelVersionId.equals(version)) {
        return;
      }
      if (!serving.servedFrom.isBefore(at)) {
        throw ApplicationFailure.newNonRetryableFailure("production change of use case " + change.useCaseId()
            + " to " + (version == null ? "nothing (retirement)" : version) + " at " + at + " does not follow the "
            + "change in force, " + serving.modelVersionId + " since " + serving.servedFrom + "; record the "
            + "production changes of a use case in the order they happen", "PRODUCTION_CHANGE_OUT_OF_ORDER");
      }
      serving.servedUntil = at;
    }
    if (version != null) {
      ProductionIntervalRow row = new ProductionIntervalRow();
      row.useCaseId = change.useCaseId();
      row.modelVersionId = version;
      row.endpointName = change.endpointName();
      row.servedFrom = at;
      row.decisionIds = RegistryJson.write(change.decisionIds() == null ? List.of() : change.decisionIds());
      row.persist();
    }
  }

  private static MonitoringRunRow monitoringRunRow(MonitoringRun run, Instant recordedAt) {
    List<MonitoringViolation> violations = run.violations() == null ? List.of() : run.violations();
    MonitoringRunRow row = new MonitoringRunRow();
    row.runId = run.runId();
    row.useCaseId = run.useCaseId();
    row.modelVersionId = run.modelVersionId();
    row.windowStart = micros(run.windowStart());
    row.windowEnd = micros(run.windowEnd());
    row.capturedRecords = run.capturedRecords();
    row.labelledRecords = run.labelledRecords();
    row.reports = RegistryJson.write(run.reports() == null ? List.of() : run.reports());
    row.violations = RegistryJson.write(violations);
    row.violationCount = violations.size();
    row.recordedAt = micros(recordedAt);
    return row;
  }

  private static void upsertFinding(MonitoringFinding finding, Instant recordedAt) {
    Instant at = micros(Objects.requireNonNullElse(finding.updatedAt(), recordedAt));
    MonitoringFindingRow row = MonitoringFindingRow.findById(finding.findingId());
    if (row == null) {
      row = new MonitoringFindingRow();
      row.findingId = finding.findingId();
    } else if (row.updatedAt.isAfter(at)) {
      return; // a late attempt of an older write: the newer state of the finding stays
    }
    row.useCaseId = finding.useCaseId();
    row.modelVersionId = finding.modelVersionId();
    row.monitor = finding.monitor().name();
    row.checkType = finding.checkType();
    row.subject = finding.subject();
    row.description = finding.description();
    row.severity = finding.severity().name();
    row.status = finding.status().name();
    row.firstRunId = finding.firstRunId();
    row.lastRunId = finding.lastRunId();
    row.occurrences = finding.occurrences();
    row.raisedAt = micros(finding.raisedAt());
    row.dueAt = finding.dueAt() == null ? null : micros(finding.dueAt());
    row.escalations = finding.escalations();
    row.acknowledgedBy = finding.acknowledgedBy();
    row.resolvedBy = finding.resolvedBy();
    row.comment = finding.comment();
    row.updatedAt = at;
    row.persist();
  }

  private List<Measurement> measurementsOf(EvidenceRef ref) {
    byte[] bytes;
    try {
      bytes = artifacts.get(ref.location());
    } catch (ArtifactNotFoundException e) {
      throw ApplicationFailure.newNonRetryableFailure("evidence " + ref.name() + " is not in the artifact store at "
          + ref.location() + "; re-run the step that produces it", "EVIDENCE_NOT_FOUND");
    }
    if (ref.sha256() != null && !ref.sha256().equals(Digests.sha256(bytes))) {
      throw ApplicationFailure.newNonRetryableFailure("evidence " + ref.name() + " at " + ref.location()
          + " no longer has digest " + ref.sha256() + "; it was rewritten after it was referenced, so its metrics"
          + " would not be the ones the workflow saw", "EVIDENCE_DIGEST_MISMATCH");
    }
    JsonNode document;
    try {
      document = RegistryJson.tree(bytes);
    } catch (IOException e) {
      throw ApplicationFailure.newNonRetryableFailure("evidence " + ref.name() + " at " + ref.location()
          + " is not JSON: " + e.getMessage(), "EVIDENCE_UNREADABLE");
    }
    return EvidenceMeasurements.of(ref.name(), document);
  }

  private static Instant micros(Instant at) {
    // The database keeps microseconds; comparing with what it returns needs the same precision.
    return at.truncatedTo(ChronoUnit.MICROS);
  }
}
