package io.govflow.registry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An endpoint as last recorded; keyed by its name, which names the use case and the environment. */
@Entity
@Table(name = "endpoint")
class EndpointRow extends PanacheEntityBase {

  @Id
  public String name;

  @Column(name = "use_case_id")
  public String useCaseId;

  public String environment;

  @Column(name = "model_version_id")
  public String modelVersionId;

  public String url;

  @Column(name = "capture_location")
  public String captureLocation;

  public boolean serving;

  @Column(name = "updated_at")
  public Instant updatedAt;
}
