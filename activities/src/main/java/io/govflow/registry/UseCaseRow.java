package io.govflow.registry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "use_case")
class UseCaseRow extends PanacheEntityBase {

  @Id
  public String id;

  @Column(name = "workflow_id")
  public String workflowId;

  public String name;
  public String owner;
  public String risk;
  public String stage;
  public int revision;

  /** The whole {@link io.govflow.usecase.UseCaseDefinition} as JSON. */
  public String definition;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;
}
