package com.tgm.erpsync.contracts.snapshot;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.tgm.erpsync.contracts.ConflictResolution;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.SyncMessage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The full current state of one entity mapping on the compacted erp.mappings topic (key mappingId,
 * null value on delete). version lets a job pin the mapping it started with.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.PROPERTY,
    property = "type",
    defaultImpl = MappingSnapshot.class)
@JsonTypeName("MappingSnapshot")
public record MappingSnapshot(
    MessageMeta meta,
    long id,
    long connectionId,
    EntityType tgmEntityType,
    String erpEntityName,
    boolean syncEnabled,
    SyncDirection syncDirection,
    ConflictResolution conflictResolution,
    int batchSize,
    String deltaField,
    String filter,
    List<FieldMappingSpec> fieldMappings,
    long version,
    @JsonFormat(shape = JsonFormat.Shape.STRING) Instant updatedAt)
    implements SyncMessage {

  public MappingSnapshot {
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(tgmEntityType, "tgmEntityType");
    Objects.requireNonNull(erpEntityName, "erpEntityName");
  }
}
