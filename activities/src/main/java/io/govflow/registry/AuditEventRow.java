package io.govflow.registry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One link of the audit hash chain. Rows are inserted, never updated. */
@Entity
@Table(name = "audit_event")
class AuditEventRow extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long seq;

  @Column(name = "event_id")
  public String eventId;

  @Column(name = "use_case_id")
  public String useCaseId;

  @Column(name = "model_version_id")
  public String modelVersionId;

  @Column(name = "workflow_id")
  public String workflowId;

  public String type;
  public String actor;
  public Instant at;

  /** The event's details map as JSON. */
  public String details;

  @Column(name = "previous_hash")
  public String previousHash;

  public String hash;
}
