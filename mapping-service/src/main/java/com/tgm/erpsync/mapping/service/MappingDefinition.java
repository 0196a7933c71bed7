package com.tgm.erpsync.mapping.service;

import com.tgm.erpsync.contracts.ConflictResolution;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.snapshot.FieldMappingSpec;
import java.util.List;

/**
 * What an entity mapping says, validated and with its defaults applied: everything an admin sets,
 * nothing the service maintains (id, version, times). Two equal definitions are the same mapping.
 */
public record MappingDefinition(
    EntityType tgmEntityType,
    String erpEntityName,
    boolean syncEnabled,
    SyncDirection syncDirection,
    ConflictResolution conflictResolution,
    int batchSize,
    String deltaField,
    String filter,
    List<FieldMappingSpec> fieldMappings) {

  public MappingDefinition {
    fieldMappings = List.copyOf(fieldMappings);
  }
}
