package io.govflow.registry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "decision")
class DecisionRow extends PanacheEntityBase {

  @Id
  @Column(name = "decision_id")
  public String decisionId;

  @Column(name = "use_case_id")
  public String useCaseId;

  @Column(name = "model_version_id")
  public String modelVersionId;

  @Column(name = "workflow_id")
  public String workflowId;

  public String gate;
  public String outcome;
  public String comment;
  public String actor;

  @Column(name = "evidence_digest")
  public String evidenceDigest;

  @Column(name = "policy_version")
  public String policyVersion;

  @Column(name = "decided_at")
  public Instant decidedAt;
}
