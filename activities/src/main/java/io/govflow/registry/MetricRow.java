package io.govflow.registry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One measurement of one evidence document; unique per (model version, evidence, subject, metric). */
@Entity
@Table(name = "metric")
class MetricRow extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "model_version_id")
  public String modelVersionId;

  public String evidence;
  public String subject;
  public String metric;

  /** Null where the document says the metric is undefined. Quoted: H2 reserves the word. */
  @Column(name = "\"value\"")
  public Double value;
}
