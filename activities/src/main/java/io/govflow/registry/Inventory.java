package io.govflow.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import io.govflow.approval.Gate;
import io.govflow.approval.Outcome;
import io.govflow.evidence.EvidenceRef;
import io.govflow.modelversion.ModelVersionStatus;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The read side of the inventory and the audit trail, for the API and auditors. Returns records, never entities. */
@ApplicationScoped
@Transactional
public class Inventory {

  public static final int MAX_PAGE_SIZE = 200;

  private static final TypeReference<List<EvidenceRef>> EVIDENCE = new TypeReference<>() {};

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
    return DecisionRow.<DecisionRow>list("useCaseId", Sort.by("decidedAt").and("decisionId"), useCaseId).stream()
        .map(row -> new DecisionRecordView(row.decisionId, row.useCaseId, row.modelVersionId, row.workflowId,
            Gate.valueOf(row.gate), Outcome.valueOf(row.outcome), row.comment, row.actor, row.evidenceDigest,
            row.policyVersion, row.decidedAt))
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
