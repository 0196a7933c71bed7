package com.tgm.erpsync.orchestrator.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.contracts.snapshot.FieldMappingSpec;
import com.tgm.erpsync.contracts.snapshot.MappingSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one text form of an ERP key used everywhere a key is stored or compared (ledger, commands,
 * error logs): a JSON object of the key fields, the mapping's key fields first in mapping order,
 * any others after them by name. Two answers naming the same record in another order or shape
 * therefore meet on the same ledger row.
 */
public final class ErpKeys {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {};

  private ErpKeys() {}

  /** The canonical text of {@code key}, or null for a missing or empty key. */
  public static String canonical(MappingSnapshot mapping, Map<String, String> key) {
    if (key == null || key.isEmpty()) {
      return null;
    }
    Map<String, String> ordered = new LinkedHashMap<>();
    for (String field : keyFields(mapping)) {
      if (key.containsKey(field)) {
        ordered.put(field, key.get(field));
      }
    }
    new TreeMap<>(key).forEach(ordered::putIfAbsent);
    try {
      return JSON.writeValueAsString(ordered);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings is always JSON", e);
    }
  }

  /** The key map of a canonical text. */
  public static Map<String, String> parse(String canonical) {
    if (canonical == null) {
      return null;
    }
    try {
      return JSON.readValue(canonical, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a canonical ERP key: " + canonical, e);
    }
  }

  /**
   * How people and REFERENCE fields see a key: the value of a one-field key ({@code EQ-12345}),
   * else the canonical JSON object.
   */
  public static String display(String canonical) {
    Map<String, String> key = parse(canonical);
    if (key == null) {
      return null;
    }
    return key.size() == 1 ? key.values().iterator().next() : canonical;
  }

  /**
   * The key a user or a REFERENCE value names: a JSON object as is, else the value of the mapping's
   * only key field. Null when a plain value cannot be placed (no or several key fields).
   */
  public static Map<String, String> fromDisplay(MappingSnapshot mapping, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String trimmed = text.trim();
    if (trimmed.startsWith("{")) {
      try {
        return parse(trimmed);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    List<String> fields = keyFields(mapping);
    return fields.size() == 1 ? Map.of(fields.get(0), text) : null;
  }

  /** The ERP names of the mapping's key fields, in mapping order. */
  public static List<String> keyFields(MappingSnapshot mapping) {
    List<String> fields = new ArrayList<>();
    if (mapping != null && mapping.fieldMappings() != null) {
      for (FieldMappingSpec spec : mapping.fieldMappings()) {
        if (spec != null && spec.keyField() && spec.erpField() != null) {
          fields.add(spec.erpField());
        }
      }
    }
    return fields;
  }
}
