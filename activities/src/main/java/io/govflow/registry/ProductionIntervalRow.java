package io.govflow.registry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * [servedFrom, servedUntil) during which a model version served a use case's production endpoint; servedUntil is null
 * while it still does. (Not "from": HQL reserves it.)
 */
@Entity
@Table(name = "production_interval")
class ProductionIntervalRow extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "use_case_id")
  public String useCaseId;

  @Column(name = "model_version_id")
  public String modelVersionId;

  @Column(name = "endpoint_name")
  public String endpointName;

  @Column(name = "from_ts")
  public Instant servedFrom;

  @Column(name = "to_ts")
  public Instant servedUntil;

  /** The ids of the decisions that put the version into production, as a JSON array. */
  @Column(name = "decision_ids")
  public String decisionIds;
}
