package com.tgm.erpsync.webhook.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small conversions between Jackson trees, Java values, text and digests. */
final class JsonValues {
  private JsonValues() {}

  /** Whether the node is a string, number or boolean. */
  static boolean isScalar(JsonNode node) {
    return node != null && (node.isTextual() || node.isNumber() || node.isBoolean());
  }

  /** Whether the node is absent or a JSON null. */
  static boolean isAbsent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  /** The text of a scalar node, or null when it is no scalar. */
  static String scalarText(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBigDecimal()) {
      return node.decimalValue().toPlainString();
    }
    if (node.isNumber() || node.isBoolean()) {
      return node.asText();
    }
    return null;
  }

  /** The field's string value, or null when it is absent, null or not a string. */
  static String text(JsonNode object, String field) {
    JsonNode node = object.get(field);
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  /** The node as plain Java: maps, lists, strings, Long/BigInteger, BigDecimal, Boolean, null. */
  static Object toJava(JsonNode node) {
    if (isAbsent(node)) {
      return null;
    }
    if (node.isObject()) {
      return toJavaMap(node);
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      for (JsonNode element : node) {
        list.add(toJava(element));
      }
      return Collections.unmodifiableList(list);
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    return node.asText();
  }

  /** An object node as an unmodifiable map in field order (values may be null). */
  static Map<String, Object> toJavaMap(JsonNode object) {
    Map<String, Object> map = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      map.put(field.getKey(), toJava(field.getValue()));
    }
    return Collections.unmodifiableMap(map);
  }

  /**
   * The node as JSON text with every object's fields sorted by name.
   *
   * @throws MalformedWebhookException naming {@code field} when the node cannot be written (it is
   *     nested deeper than the mapper allows)
   */
  static String canonicalJson(ObjectMapper mapper, JsonNode node, String field)
      throws MalformedWebhookException {
    try {
      return mapper.writeValueAsString(sorted(mapper, node));
    } catch (JsonProcessingException e) {
      throw new MalformedWebhookException(
          field,
          (field == null ? "the event" : field) + " cannot be written as JSON to identify it");
    }
  }

  private static JsonNode sorted(ObjectMapper mapper, JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> fields = new TreeMap<>();
      node.fields().forEachRemaining(f -> fields.put(f.getKey(), sorted(mapper, f.getValue())));
      ObjectNode copy = mapper.createObjectNode();
      fields.forEach(copy::set);
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = mapper.createArrayNode();
      node.forEach(element -> copy.add(sorted(mapper, element)));
      return copy;
    }
    return node;
  }

  /** The SHA-256 of the text's UTF-8 bytes, in lower-case hex. */
  static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
