package com.tgm.erpsync.mapping.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.contracts.ConflictResolution;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.snapshot.FieldMappingSpec;
import com.tgm.erpsync.contracts.snapshot.MappingSnapshot;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Builds mappings and records for the tests, the way mapping-service would hand them over. */
final class Mappings {
  static final long CONNECTION_ID = 7;
  static final ObjectMapper JSON = MappingJson.newObjectMapper();

  private Mappings() {}

  static MappingSnapshot mapping(EntityType entity, FieldMappingSpec... fields) {
    return mapping(entity, SyncDirection.BIDIRECTIONAL, ConflictResolution.MERGE, fields);
  }

  static MappingSnapshot mapping(
      EntityType entity,
      SyncDirection direction,
      ConflictResolution resolution,
      FieldMappingSpec... fields) {
    return new MappingSnapshot(
        MessageMeta.create("test"),
        11,
        CONNECTION_ID,
        entity,
        "Entity",
        true,
        direction,
        resolution,
        100,
        null,
        null,
        Arrays.asList(fields),
        1,
        Instant.parse("2024-01-15T08:05:00Z"));
  }

  static MappingEngine engine(EntityType entity, FieldMappingSpec... fields) {
    return MappingEngine.compile(mapping(entity, fields), ReferenceResolver.none());
  }

  static FieldMappingSpec field(String tgm, String erp, FieldType type) {
    return spec(tgm, erp, type, SyncDirection.BIDIRECTIONAL, false, false, null, null, null, null);
  }

  static FieldMappingSpec field(String tgm, String erp, FieldType type, String format) {
    return spec(
        tgm, erp, type, SyncDirection.BIDIRECTIONAL, false, false, null, null, format, null);
  }

  static FieldMappingSpec key(String tgm, String erp, FieldType type, String format) {
    return spec(tgm, erp, type, SyncDirection.BIDIRECTIONAL, false, true, null, null, format, null);
  }

  static FieldMappingSpec required(String tgm, String erp, FieldType type) {
    return spec(tgm, erp, type, SyncDirection.BIDIRECTIONAL, true, false, null, null, null, null);
  }

  static FieldMappingSpec withDefault(String tgm, String erp, FieldType type, String defaultValue) {
    return spec(
        tgm, erp, type, SyncDirection.BIDIRECTIONAL, false, false, null, defaultValue, null, null);
  }

  static FieldMappingSpec directed(
      String tgm, String erp, FieldType type, SyncDirection direction) {
    return spec(tgm, erp, type, direction, false, false, null, null, null, null);
  }

  static FieldMappingSpec enumField(
      String tgm, String erp, Map<String, String> valueMap, String defaultValue, String format) {
    return spec(
        tgm,
        erp,
        FieldType.ENUM,
        SyncDirection.BIDIRECTIONAL,
        false,
        false,
        valueMap,
        defaultValue,
        format,
        null);
  }

  static FieldMappingSpec reference(String tgm, String erp, EntityType target) {
    return spec(
        tgm,
        erp,
        FieldType.REFERENCE,
        SyncDirection.BIDIRECTIONAL,
        false,
        false,
        null,
        null,
        null,
        target);
  }

  static FieldMappingSpec spec(
      String tgm,
      String erp,
      FieldType type,
      SyncDirection direction,
      boolean required,
      boolean keyField,
      Map<String, String> valueMap,
      String defaultValue,
      String format,
      EntityType referenceEntity) {
    return new FieldMappingSpec(
        tgm,
        erp,
        type,
        direction,
        required,
        keyField,
        valueMap,
        defaultValue,
        format,
        referenceEntity);
  }

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static JsonNode value(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static List<String> messages(MappingResult result) {
    return result.problems().stream().map(FieldProblem::message).toList();
  }
}
