package com.tgm.erpsync.mapping.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.contracts.ErrorCode;
import java.util.Arrays;

/**
 * Where an ERP field sits in a record: a property name, or a dotted path into nested objects such
 * as OData's expanded {@code to_Address.City}. A property whose own name contains a dot is still
 * found when the record has it; names with {@code @} (OData annotations) are never split.
 */
final class ErpPath {
  final String name;
  private final String[] segments;

  private ErpPath(String name, String[] segments) {
    this.name = name;
    this.segments = segments;
  }

  /**
   * @throws IllegalArgumentException for a blank name or an empty path segment ("a..b")
   */
  static ErpPath of(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("erpField is missing");
    }
    if (name.indexOf('.') < 0 || name.indexOf('@') >= 0) {
      return new ErpPath(name, null);
    }
    String[] segments = name.split("\\.", -1);
    for (String segment : segments) {
      if (segment.isEmpty()) {
        throw new IllegalArgumentException(
            "erpField " + Values.quote(name) + " has an empty path segment");
      }
    }
    return new ErpPath(name, segments);
  }

  /**
   * The value, JSON null when the ERP sent null, or Java null when it is not there (also when an
   * object on the way is missing or null).
   */
  JsonNode read(JsonNode record) throws ConversionFailure {
    JsonNode direct = record.get(name);
    if (direct != null || segments == null) {
      return direct;
    }
    JsonNode node = record;
    for (int i = 0; i < segments.length; i++) {
      if (i > 0 && !node.isObject()) {
        throw new ConversionFailure(
            ErrorCode.VALIDATION_ERROR,
            "at " + String.join(".", Arrays.copyOf(segments, i)) + " is not an object",
            "an object at " + String.join(".", Arrays.copyOf(segments, i)),
            node);
      }
      node = node.get(segments[i]);
      if (node == null || node.isNull()) {
        return i == segments.length - 1 ? node : null;
      }
    }
    return node;
  }

  void write(ObjectNode record, JsonNode value) {
    if (segments == null) {
      record.set(name, value);
      return;
    }
    ObjectNode parent = record;
    for (int i = 0; i < segments.length - 1; i++) {
      JsonNode child = parent.get(segments[i]);
      parent = child instanceof ObjectNode object ? object : parent.putObject(segments[i]);
    }
    parent.set(segments[segments.length - 1], value);
  }
}
