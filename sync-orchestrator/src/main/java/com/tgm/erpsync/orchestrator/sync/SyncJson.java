package com.tgm.erpsync.orchestrator.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.mapping.engine.MappingJson;
import java.util.Map;

/**
 * Record values as the mapping engine wants them: decimals exact and with their scale, whether they
 * come from a connector's answer, a ledger row or a command.
 */
final class SyncJson {
  static final ObjectMapper EXACT = MappingJson.newObjectMapper();

  private SyncJson() {}

  static ObjectNode object(Map<String, Object> values) {
    if (values == null) {
      return EXACT.createObjectNode();
    }
    JsonNode tree = EXACT.valueToTree(values);
    return tree instanceof ObjectNode object ? object : EXACT.createObjectNode();
  }

  static ObjectNode read(String json) {
    if (json == null) {
      return null;
    }
    try {
      JsonNode tree = EXACT.readTree(json);
      return tree instanceof ObjectNode object ? object : EXACT.createObjectNode();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored values are not JSON", e);
    }
  }

  /** Any stored JSON (an array of field names, say) as a tree. */
  static JsonNode tree(String json) {
    try {
      return EXACT.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored values are not JSON", e);
    }
  }

  static String write(JsonNode node) {
    try {
      return EXACT.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree is always JSON", e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(ObjectNode node) {
    return EXACT.convertValue(node, Map.class);
  }
}
