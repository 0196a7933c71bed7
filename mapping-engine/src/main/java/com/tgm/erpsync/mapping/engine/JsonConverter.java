package com.tgm.erpsync.mapping.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Nested data passed through as it is. With format STRING the ERP holds it as JSON text (parsed
 * inbound, written as compact text outbound). On the TGM side a text that starts with { or [ is
 * read as JSON, since change capture hands jsonb columns over as text. Compared with object keys
 * sorted and numbers by value.
 */
final class JsonConverter extends ValueConverter {
  private static final ObjectMapper MAPPER = MappingJson.newObjectMapper();

  private final boolean asText;

  JsonConverter(FieldFormat format) {
    ValueConverter.requireNoZone(format, "JSON");
    if (!format.isDefaultOr(FieldFormat.STRING)) {
      throw ValueConverter.unusableFormat(format, "JSON", "no format, or STRING for JSON as text");
    }
    this.asText = format.is(FieldFormat.STRING);
  }

  @Override
  JsonNode toTgm(JsonNode erpValue) throws ConversionFailure {
    if (asText && erpValue.isTextual()) {
      String text = erpValue.textValue();
      return text.isBlank() ? null : parse(text);
    }
    return erpValue.deepCopy();
  }

  @Override
  JsonNode toErp(JsonNode tgmValue) throws ConversionFailure {
    JsonNode json = normalizeTgm(tgmValue);
    return asText ? TextNode.valueOf(json.toString()) : json;
  }

  @Override
  JsonNode normalizeTgm(JsonNode tgmValue) throws ConversionFailure {
    if (tgmValue.isTextual()) {
      String text = tgmValue.textValue().trim();
      if (text.startsWith("{") || text.startsWith("[")) {
        return parse(text);
      }
    }
    return tgmValue.deepCopy();
  }

  @Override
  JsonNode parseDefault(String text) throws ConversionFailure {
    return parse(text);
  }

  @Override
  String canonical(JsonNode tgmValue) throws ConversionFailure {
    StringBuilder out = new StringBuilder();
    write(normalizeTgm(tgmValue), out);
    return out.toString();
  }

  @Override
  String expectedErp() {
    return asText ? "JSON text" : "any JSON value";
  }

  @Override
  String expectedTgm() {
    return "any JSON value";
  }

  private static JsonNode parse(String text) throws ConversionFailure {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw ConversionFailure.invalid("is not valid JSON");
    }
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      node.fields().forEachRemaining(fields::add);
      fields.sort(Map.Entry.comparingByKey());
      out.append('{');
      for (int i = 0; i < fields.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        Values.appendQuoted(fields.get(i).getKey(), out);
        out.append(':');
        write(fields.get(i).getValue(), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      Iterator<JsonNode> elements = node.elements();
      for (int i = 0; elements.hasNext(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(elements.next(), out);
      }
      out.append(']');
    } else if (node.isNumber()) {
      BigDecimal decimal = Values.decimal(node);
      out.append(decimal == null ? node.asText() : DecimalConverter.canonical(decimal));
    } else if (node.isTextual()) {
      Values.appendQuoted(node.textValue(), out);
    } else {
      out.append(node.isNull() || node.isMissingNode() ? "null" : node.asText());
    }
  }
}
