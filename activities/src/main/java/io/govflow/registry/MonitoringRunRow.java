package io.govflow.registry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One monitoring run, written once under its run id. */
@Entity
@Table(name = "monitoring_run")
class MonitoringRunRow extends PanacheEntityBase {

  @Id
  @Column(name = "run_id")
  public String runId;

  @Column(name = "use_case_id")
  public String useCaseId;

  @Column(name = "model_version_id")
  public String modelVersionId;

  @Column(name = "window_start")
  public Instant windowStart;

  @Column(name = "window_end")
  public Instant windowEnd;

  @Column(name = "captured_records")
  public long capturedRecords;

  @Column(name = "labelled_records")
  public long labelledRecords;

  /** The run's reports, {@link io.govflow.evidence.EvidenceRef}s as a JSON array. */
  public String reports;

  /** The {@link io.govflow.monitoring.MonitoringViolation}s as a JSON array. */
  public String violations;

  @Column(name = "violation_count")
  public int violationCount;

  @Column(name = "recorded_at")
  public Instant recordedAt;
}
