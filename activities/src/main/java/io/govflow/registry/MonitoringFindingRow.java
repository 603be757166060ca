package io.govflow.registry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A monitoring finding as last recorded; rewritten whole at each change, keyed by the id the workflow gave it. */
@Entity
@Table(name = "monitoring_finding")
class MonitoringFindingRow extends PanacheEntityBase {

  @Id
  @Column(name = "finding_id")
  public String findingId;

  @Column(name = "use_case_id")
  public String useCaseId;

  @Column(name = "model_version_id")
  public String modelVersionId;

  public String monitor;

  @Column(name = "check_type")
  public String checkType;

  public String subject;
  public String description;
  public String severity;
  public String status;

  @Column(name = "first_run_id")
  public String firstRunId;

  @Column(name = "last_run_id")
  public String lastRunId;

  public int occurrences;

  @Column(name = "raised_at")
  public Instant raisedAt;

  @Column(name = "due_at")
  public Instant dueAt;

  public int escalations;

  @Column(name = "acknowledged_by")
  public String acknowledgedBy;

  @Column(name = "resolved_by")
  public String resolvedBy;

  public String comment;

  @Column(name = "updated_at")
  public Instant updatedAt;
}
