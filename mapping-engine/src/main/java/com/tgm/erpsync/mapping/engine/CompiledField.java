package com.tgm.erpsync.mapping.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.snapshot.FieldMappingSpec;

/** One field mapping made ready to run: its path, converter and parsed default. */
final class CompiledField {
  final FieldMappingSpec spec;
  final String tgmField;
  final ErpPath erpPath;
  final FieldType type;
  final boolean inbound;
  final boolean outbound;
  final boolean required;
  final boolean key;
  final ValueConverter converter;

  /** The defaultValue in TGM form, or null. */
  final JsonNode tgmDefault;

  CompiledField(
      FieldMappingSpec spec,
      SyncDirection mappingDirection,
      ErpPath erpPath,
      ValueConverter converter,
      JsonNode tgmDefault) {
    SyncDirection own =
        spec.syncDirection() == null ? SyncDirection.BIDIRECTIONAL : spec.syncDirection();
    this.spec = spec;
    this.tgmField = spec.tgmField();
    this.erpPath = erpPath;
    this.type = spec.fieldType();
    this.inbound = own.allowsInbound() && mappingDirection.allowsInbound();
    this.outbound = own.allowsOutbound() && mappingDirection.allowsOutbound();
    this.required = spec.required();
    this.key = spec.keyField();
    this.converter = converter;
    this.tgmDefault = tgmDefault;
  }

  String erpField() {
    return erpPath.name;
  }
}
