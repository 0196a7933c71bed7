package com.tgm.erpsync.connection.audit;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One admin write as recorded; {@code changes} never holds a secret's value. */
@Entity
@Table(name = "audit_entry")
public class AuditEntryEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public Instant occurredAt;
  public String actor;
  public String action;

  /** No foreign key: the entry outlives a deleted connection. */
  public Long connectionId;

  public String httpMethod;
  public String path;

  @Enumerated(EnumType.STRING)
  public AuditOutcome outcome;

  public Integer status;

  /** JSON object: field name → {"from": .., "to": ..}. */
  @JdbcTypeCode(SqlTypes.JSON)
  public String changes;

  public String detail;
}
