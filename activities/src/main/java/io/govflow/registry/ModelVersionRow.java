package io.govflow.registry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "model_version")
class ModelVersionRow extends PanacheEntityBase {

  @Id
  public String id;

  @Column(name = "use_case_id")
  public String useCaseId;

  public int version;

  @Column(name = "workflow_id")
  public String workflowId;

  public String stage;
  public String status;

  @Column(name = "model_package_id")
  public String modelPackageId;

  @Column(name = "model_location")
  public String modelLocation;

  /** The {@link io.govflow.evidence.EvidenceRef}s as a JSON array. */
  public String evidence;

  @Column(name = "evidence_digest")
  public String evidenceDigest;

  @Column(name = "updated_at")
  public Instant updatedAt;
}
