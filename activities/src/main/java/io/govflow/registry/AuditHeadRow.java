package io.govflow.registry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The end of the audit chain: the single row appenders lock so that they append one after another. */
@Entity
@Table(name = "audit_head")
class AuditHeadRow extends PanacheEntityBase {

  static final int ID = 1;

  @Id
  public Integer id;

  @Column(name = "last_seq")
  public long lastSeq;

  @Column(name = "last_hash")
  public String lastHash;
}
