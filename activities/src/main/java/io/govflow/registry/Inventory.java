package io.govflow.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import io.govflow.approval.Gate;
import io.govflow.approval.Outcome;
import io.govflow.deployment.Environment;
import io.govflow.evidence.EvidenceRef;
import io.govflow.modelversion.ModelVersionStatus;
import io.govflow.monitoring.FindingStatus;
import io.govflow.monitoring.Monitor;
import io.govflow.monitoring.MonitoringFinding;
import io.govflow.monitoring.MonitoringRun;
import io.govflow.monitoring.MonitoringRunSummary;
import io.govflow.monitoring.MonitoringViolation;
import io.govflow.policy.Comparison;
import io.govflow.policy.Finding;
import io.govflow.policy.Measurement;
import io.govflow.policy.Severity;
import io.govflow.usecase.RiskLevel;
import io.govflow.usecase.Stage;
import io.govflow.usecase.UseCaseDefinition;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The read side of the inventory and the audit trail, for the API and auditors. Returns records, never entities. */
@ApplicationScoped
@Transactional
public class Inventory {

  public static final int MAX_PAGE_SIZE = 200;

  private static final TypeReference<List<EvidenceRef>> EVIDENCE = new TypeReference<>() {};
  private static final TypeReference<List<MonitoringViolation>> VIOLATIONS = new TypeReference<>() {};
  private static final TypeReference<List<String>> IDS = new TypeReference<>() {};
  private static final Sort DECISION_ORDER = Sort.by("decidedAt").and("decisionId");
  private static final Sort NEWEST_FINDINGS_FIRST =
      Sort.by("raisedAt", Sort.Direction.Descending).and("findingId", Sort.Direction.Descending);
  private static final Sort NEWEST_RUNS_FIRST = Sort.by("windowEnd", Sort.Direction.Descending)
      .and("recordedAt", Sort.Direction.Descending).and("runId", Sort.Direction.Descending);

  private final AuditTrail audit;

  @Inject
  Inventory(AuditTrail audit) {
    this.audit = audit;
  }

  /** Every audit entry of a use case (its model versions' included), in the order they were appended. */
  public List<AuditEntry> auditTrail(String useCaseId) {
    return AuditEventRow.<AuditEventRow>list("useCaseId", Sort.by("seq"), useCaseId).stream()
        .map(AuditTrail::entryOf)
        .toList();
  }

  /** Recomputes the whole hash chain; reads every entry, so it is for auditors, not for every request. */
  public AuditVerification verifyAuditTrail() {
    return audit.verify();
  }

  /**
   * Use cases, oldest first, filtered by any of stage, risk tier and owner (null means any).
   *
   * @throws IllegalArgumentException for an unknown stage or risk tier, or a page or size out of range
   */
  public Page<UseCaseSummary> useCases(String stage, String risk, String owner, int page, int size) {
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "page must be 0 or more and size between 1 and " + MAX_PAGE_SIZE + ", got page " + page + ", size " + size);
    }
    List<String> where = new ArrayList<>();
    Parameters parameters = new Parameters();
    if (stage != null) {
      where.add("stage = :stage");
      parameters.and("stage", constant(Stage.class, "stage", stage).name());
    }
    if (risk != null) {
      where.add("risk = :risk");
      parameters.and("risk", constant(RiskLevel.class, "risk", risk).name());
    }
    if (owner != null) {
      where.add("owner = :owner");
      parameters.and("owner", owner);
    }
    Sort oldestFirst = Sort.by("createdAt").and("id");
    PanacheQuery<UseCaseRow> query = where.isEmpty()
        ? UseCaseRow.findAll(oldestFirst)
        : UseCaseRow.find(String.join(" and ", where), oldestFirst, parameters);
    List<UseCaseSummary> items = query.page(page, size).list().stream().map(Inventory::summaryOf).toList();
    return new Page<>(items, page, size, query.count());
  }

  public Optional<UseCaseDetail> useCase(String useCaseId) {
    return UseCaseRow.<UseCaseRow>findByIdOptional(useCaseId).map(row -> new UseCaseDetail(
        summaryOf(row),
        RegistryJson.read(row.definition, UseCaseDefinition.class),
        ModelVersionRow.<ModelVersionRow>list("useCaseId", Sort.by("version").and("id"), useCaseId).stream()
            .map(Inventory::snapshotOf)
            .toList()));
  }

  public Optional<ModelVersionSnapshot> modelVersion(String modelVersionId) {
    return ModelVersionRow.<ModelVersionRow>findByIdOptional(modelVersionId).map(Inventory::snapshotOf);
  }

  /** The decisions taken on a use case and its model versions, in the order they were taken. */
  public List<DecisionRecordView> decisions(String useCaseId) {
    return DecisionRow.<DecisionRow>list("useCaseId", DECISION_ORDER, useCaseId).stream()
        .map(Inventory::viewOf)
        .toList();
  }

  /** The findings of every governance check run on a model version, by policy version, rule and subject. */
  public List<FindingView> findings(String modelVersionId) {
    return FindingRow.<FindingRow>list(
            "modelVersionId", Sort.by("policyVersion").and("rule").and("subject"), modelVersionId)
        .stream()
        .map(row -> new FindingView(row.modelVersionId, row.policyVersion, new Finding(row.rule, row.description,
            row.evidence, row.metric, row.subject, row.comparison == null ? null : Comparison.valueOf(row.comparison),
            row.threshold, row.measured, row.passed, row.severity == null ? null : Severity.valueOf(row.severity))))
        .toList();
  }

  /** Every measurement recorded from a model version's evidence, by evidence, subject and metric. */
  public List<Measurement> metrics(String modelVersionId) {
    return MetricRow.<MetricRow>list("modelVersionId", Sort.by("evidence").and("subject").and("metric"), modelVersionId)
        .stream()
        .map(row -> new Measurement(row.evidence, row.subject, row.metric, row.value))
        .toList();
  }

  public boolean hasUseCase(String useCaseId) {
    return UseCaseRow.count("id", useCaseId) > 0;
  }

  /** A use case's definition as last recorded, without its model versions. */
  public Optional<UseCaseDefinition> definition(String useCaseId) {
    return UseCaseRow.<UseCaseRow>findByIdOptional(useCaseId)
        .map(row -> RegistryJson.read(row.definition, UseCaseDefinition.class));
  }

  /** A use case's endpoints, test before production (the lifecycle's order; TEST sorts after PRODUCTION). */
  public List<EndpointSnapshot> endpoints(String useCaseId) {
    return EndpointRow.<EndpointRow>list("useCaseId", Sort.by("environment", Sort.Direction.Descending).and("name"),
            useCaseId).stream()
        .map(row -> new EndpointSnapshot(row.name, row.useCaseId, Environment.valueOf(row.environment),
            row.modelVersionId, row.url, row.captureLocation, row.serving, row.updatedAt))
        .toList();
  }

  /**
   * Monitoring findings, newest first, filtered by any of use case, status and severity (null means any).
   *
   * @throws IllegalArgumentException for a limit out of range
   */
  public List<MonitoringFinding> monitoringFindings(String useCaseId, FindingStatus status, Severity severity,
      int limit) {
    checkLimit(limit);
    List<String> where = new ArrayList<>();
    Parameters parameters = new Parameters();
    if (useCaseId != null) {
      where.add("useCaseId = :useCaseId");
      parameters.and("useCaseId", useCaseId);
    }
    if (status != null) {
      where.add("status = :status");
      parameters.and("status", status.name());
    }
    if (severity != null) {
      where.add("severity = :severity");
      parameters.and("severity", severity.name());
    }
    PanacheQuery<MonitoringFindingRow> query = where.isEmpty()
        ? MonitoringFindingRow.findAll(NEWEST_FINDINGS_FIRST)
        : MonitoringFindingRow.find(String.join(" and ", where), NEWEST_FINDINGS_FIRST, parameters);
    return query.range(0, limit - 1).list().stream().map(Inventory::findingOf).toList();
  }

  public Optional<MonitoringFinding> monitoringFinding(String findingId) {
    return MonitoringFindingRow.<MonitoringFindingRow>findByIdOptional(findingId).map(Inventory::findingOf);
  }

  /**
   * A use case's latest monitoring runs, newest window first.
   *
   * @throws IllegalArgumentException for a limit out of range
   */
  public List<MonitoringRunSummary> monitoringRuns(String useCaseId, int limit) {
    checkLimit(limit);
    return MonitoringRunRow.<MonitoringRunRow>find("useCaseId", NEWEST_RUNS_FIRST, useCaseId)
        .range(0, limit - 1).list().stream()
        .map(row -> new MonitoringRunSummary(row.runId, row.modelVersionId, row.windowStart, row.windowEnd,
            row.capturedRecords, row.labelledRecords, row.violationCount))
        .toList();
  }

  /** One monitoring run with its reports and violations. */
  public Optional<MonitoringRun> monitoringRun(String runId) {
    return MonitoringRunRow.<MonitoringRunRow>findByIdOptional(runId).map(row -> new MonitoringRun(row.runId,
        row.useCaseId, row.modelVersionId, row.windowStart, row.windowEnd, row.capturedRecords, row.labelledRecords,
        RegistryJson.read(row.reports, EVIDENCE), RegistryJson.read(row.violations, VIOLATIONS)));
  }

  /** Which model version served the use case's production endpoint when, oldest first. */
  public List<ProductionInterval> productionHistory(String useCaseId) {
    return intervalsOf(ProductionIntervalRow.list("useCaseId", Sort.by("servedFrom"), useCaseId));
  }

  /** The one interval in which {@code at} falls, with the decisions behind it; empty when nothing served then. */
  public Optional<ProductionInterval> productionAt(String useCaseId, Instant at) {
    // The database keeps microseconds: an instant within the microsecond an interval starts is inside it.
    Instant instant = at.truncatedTo(ChronoUnit.MICROS);
    List<ProductionIntervalRow> rows = ProductionIntervalRow.list(
        "useCaseId = ?1 and servedFrom <= ?2 and (servedUntil is null or servedUntil > ?2)", useCaseId, instant);
    return intervalsOf(rows).stream().findFirst();
  }

  private static List<ProductionInterval> intervalsOf(List<ProductionIntervalRow> rows) {
    Map<ProductionIntervalRow, List<String>> decisionIds = new LinkedHashMap<>();
    rows.forEach(row -> decisionIds.put(row, RegistryJson.read(row.decisionIds, IDS)));
    List<String> allIds = decisionIds.values().stream().flatMap(List::stream).distinct().toList();
    Map<String, DecisionRecordView> decisions = allIds.isEmpty() ? Map.of()
        : DecisionRow.<DecisionRow>list("decisionId in ?1", DECISION_ORDER, allIds).stream()
            .map(Inventory::viewOf)
            .collect(Collectors.toMap(DecisionRecordView::decisionId, Function.identity()));
    return rows.stream()
        .map(row -> new ProductionInterval(row.modelVersionId, row.endpointName, row.servedFrom, row.servedUntil,
            decisionIds.get(row).stream().map(decisions::get).filter(Objects::nonNull)
                .sorted(Comparator.comparing(DecisionRecordView::decidedAt)
                    .thenComparing(DecisionRecordView::decisionId))
                .toList()))
        .toList();
  }

  private static DecisionRecordView viewOf(DecisionRow row) {
    return new DecisionRecordView(row.decisionId, row.useCaseId, row.modelVersionId, row.workflowId,
        Gate.valueOf(row.gate), Outcome.valueOf(row.outcome), row.comment, row.actor, row.evidenceDigest,
        row.policyVersion, row.decidedAt);
  }

  private static MonitoringFinding findingOf(MonitoringFindingRow row) {
    return new MonitoringFinding(row.findingId, row.useCaseId, row.modelVersionId, Monitor.valueOf(row.monitor),
        row.checkType, row.subject, row.description, Severity.valueOf(row.severity),
        FindingStatus.valueOf(row.status), row.firstRunId, row.lastRunId, row.occurrences, row.raisedAt, row.dueAt,
        row.escalations, row.acknowledgedBy, row.resolvedBy, row.comment, row.updatedAt);
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE_SIZE + ", got " + limit);
    }
  }

  private static UseCaseSummary summaryOf(UseCaseRow row) {
    return new UseCaseSummary(row.id, row.workflowId, row.name, row.owner, RiskLevel.valueOf(row.risk),
        Stage.valueOf(row.stage), row.revision, row.createdAt, row.updatedAt);
  }

  private static ModelVersionSnapshot snapshotOf(ModelVersionRow row) {
    return new ModelVersionSnapshot(row.id, row.useCaseId, row.version, row.workflowId, Stage.valueOf(row.stage),
        row.status == null ? null : ModelVersionStatus.valueOf(row.status), row.modelPackageId, row.modelLocation,
        RegistryJson.read(row.evidence, EVIDENCE), row.evidenceDigest, row.updatedAt);
  }

  private static <E extends Enum<E>> E constant(Class<E> type, String name, String value) {
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown " + name + " '" + value + "'; one of " + Arrays.toString(type.getEnumConstants()), e);
    }
  }
}
