package com.tgm.erpsync.sandbox.core.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shape of one entity set: name, type, key, properties and the property carrying the change
 * timestamp.
 *
 * @param entitySet entity set name in the URL
 * @param entityType unqualified entity type name
 * @param keyFields key properties, in key-predicate order
 * @param fields all properties and their types, in output order
 * @param changeField property used for delta queries and ETags
 * @param ifMatchRequired whether updates and deletes must carry {@code If-Match}
 * @param eventObject business-object name used in event types (e.g. {@code equipment}), or null
 * @param changeTimeField string property stamped with the change's UTC time of day ({@code
 *     HH:mm:ss}) next to a date-only change field (Business One's {@code UpdateTime}), or null
 */
public record EntitySetDefinition(
    String entitySet,
    String entityType,
    List<String> keyFields,
    Map<String, FieldType> fields,
    String changeField,
    boolean ifMatchRequired,
    String eventObject,
    String changeTimeField) {

  /** A definition whose change field carries the whole change timestamp. */
  public EntitySetDefinition(
      String entitySet,
      String entityType,
      List<String> keyFields,
      Map<String, FieldType> fields,
      String changeField,
      boolean ifMatchRequired,
      String eventObject) {
    this(entitySet, entityType, keyFields, fields, changeField, ifMatchRequired, eventObject, null);
  }

  /** Type of a property, or null for an unknown name. */
  public FieldType type(String field) {
    return fields.get(field);
  }

  /** Canonical key string of a record: key values in key order joined by {@code |}. */
  public String canonicalKey(Map<String, Object> values) {
    List<String> parts = new ArrayList<>();
    for (String k : keyFields) {
      Object v = values.get(k);
      parts.add(v == null ? "" : v.toString());
    }
    return String.join("|", parts);
  }

  /** Key values of a record, in key order. */
  public Map<String, Object> keyValues(Map<String, Object> record) {
    Map<String, Object> key = new LinkedHashMap<>();
    for (String k : keyFields) {
      key.put(k, record.get(k));
    }
    return key;
  }
}
