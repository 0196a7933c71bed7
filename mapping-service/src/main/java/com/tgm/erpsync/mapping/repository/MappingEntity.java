package com.tgm.erpsync.mapping.repository;

import com.tgm.erpsync.contracts.ConflictResolution;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.SyncDirection;
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

/** One entity mapping as stored; its field mappings are one JSON array. */
@Entity
@Table(name = "entity_mapping")
public class MappingEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public long connectionId;

  @Enumerated(EnumType.STRING)
  public EntityType tgmEntityType;

  public String erpEntityName;
  public boolean syncEnabled;

  @Enumerated(EnumType.STRING)
  public SyncDirection syncDirection;

  @Enumerated(EnumType.STRING)
  public ConflictResolution conflictResolution;

  public int batchSize;
  public String deltaField;
  public String filter;

  /** JSON array of FieldMappingSpec (sync-contracts), in the order the admin gave them. */
  @JdbcTypeCode(SqlTypes.JSON)
  public String fieldMappings;

  public long version;
  public Instant createdAt;
  public Instant updatedAt;
}
