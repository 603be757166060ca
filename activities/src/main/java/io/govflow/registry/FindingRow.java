package io.govflow.registry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One finding of a governance check; unique per (model version, policy version, rule, subject). */
@Entity
@Table(name = "finding")
class FindingRow extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "model_version_id")
  public String modelVersionId;

  @Column(name = "policy_version")
  public String policyVersion;

  public String rule;
  public String subject;
  public String description;
  public String evidence;
  public String metric;
  public String comparison;
  public double threshold;
  public Double measured;
  public boolean passed;
  public String severity;
}
