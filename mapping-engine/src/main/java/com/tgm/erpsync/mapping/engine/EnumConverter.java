package com.tgm.erpsync.mapping.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.tgm.erpsync.contracts.ErrorCode;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Enumerated values through the field's valueMap (TGM value → ERP value; inbound reads it
 * backwards). A value the map lacks takes the defaultValue (a TGM value) when one is set, else the
 * field fails with MAPPING_ERROR; a blank ERP value the map lacks counts as no value. With no
 * valueMap the values pass unchanged. ERP values are written as text, or with format NUMBER as JSON
 * numbers, with format BOOLEAN as JSON booleans (Dataverse option sets, boolean flags).
 */
final class EnumConverter extends ValueConverter {
  private static final int MAX_LISTED = 20;

  private final Map<String, String> toErp;
  private final Map<String, String> toTgm;
  private final String defaultTgm;
  private final String kind;
  private final String expectedErp;
  private final String expectedTgm;

  EnumConverter(Map<String, String> valueMap, String defaultValue, FieldFormat format) {
    ValueConverter.requireNoZone(format, "ENUM");
    if (!format.isDefaultOr(FieldFormat.STRING, FieldFormat.NUMBER, FieldFormat.BOOLEAN)) {
      throw ValueConverter.unusableFormat(format, "ENUM", "STRING (default), NUMBER or BOOLEAN");
    }
    this.kind = format.kind;
    this.toErp = valueMap == null ? Map.of() : new LinkedHashMap<>(valueMap);
    this.toTgm = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : toErp.entrySet()) {
      if (entry.getKey() == null || entry.getValue() == null) {
        throw new IllegalArgumentException("valueMap has a null key or value");
      }
      checkWritable(entry.getValue());
      // the first TGM value listed for an ERP value is the one read back; validate() reports
      // duplicates for fields that flow inbound
      toTgm.putIfAbsent(entry.getValue(), entry.getKey());
    }
    if (defaultValue != null && !toErp.isEmpty() && !toErp.containsKey(defaultValue)) {
      throw new IllegalArgumentException(
          "defaultValue "
              + Values.quote(defaultValue)
              + " is not one of the valueMap's TGM values "
              + listed(toErp.keySet()));
    }
    this.defaultTgm = defaultValue;
    this.expectedErp = toTgm.isEmpty() ? "a text value" : "one of " + listed(toTgm.keySet());
    this.expectedTgm = toErp.isEmpty() ? "a text value" : "one of " + listed(toErp.keySet());
  }

  /** ERP values read inbound, in map order, for checks of the mapping. */
  Map<String, String> valueMap() {
    return toErp;
  }

  private void checkWritable(String erpValue) {
    if (kind.equals(FieldFormat.NUMBER)) {
      try {
        new BigDecimal(erpValue.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "format NUMBER: valueMap value " + Values.quote(erpValue) + " is not a number");
      }
    } else if (kind.equals(FieldFormat.BOOLEAN)
        && !erpValue.equals("true")
        && !erpValue.equals("false")) {
      throw new IllegalArgumentException(
          "format BOOLEAN: valueMap value " + Values.quote(erpValue) + " is not true or false");
    }
  }

  @Override
  JsonNode toTgm(JsonNode erpValue) throws ConversionFailure {
    String key = key(erpValue);
    if (toTgm.isEmpty()) {
      return key.isEmpty() ? null : TextNode.valueOf(key);
    }
    String tgm = toTgm.get(key);
    if (tgm == null && key.isEmpty()) {
      return null;
    }
    if (tgm == null) {
      if (defaultTgm == null) {
        throw new ConversionFailure(ErrorCode.MAPPING_ERROR, "has no entry in the valueMap", null);
      }
      tgm = defaultTgm;
    }
    return TextNode.valueOf(tgm);
  }

  @Override
  JsonNode toErp(JsonNode tgmValue) throws ConversionFailure {
    String key = key(tgmValue);
    if (key.isEmpty()) {
      return null;
    }
    String erp = toErp.isEmpty() ? key : toErp.get(key);
    if (erp == null) {
      if (defaultTgm == null) {
        throw new ConversionFailure(ErrorCode.MAPPING_ERROR, "has no entry in the valueMap", null);
      }
      erp = toErp.get(defaultTgm);
    }
    return switch (kind) {
      case FieldFormat.NUMBER -> Values.number(new BigDecimal(erp.trim()));
      case FieldFormat.BOOLEAN -> BooleanNode.valueOf(Boolean.parseBoolean(erp));
      default -> TextNode.valueOf(erp);
    };
  }

  @Override
  JsonNode normalizeTgm(JsonNode tgmValue) throws ConversionFailure {
    String key = key(tgmValue);
    return key.isEmpty() ? null : TextNode.valueOf(key);
  }

  @Override
  String canonical(JsonNode tgmValue) throws ConversionFailure {
    String key = key(tgmValue);
    return key.isEmpty() ? null : key;
  }

  @Override
  String expectedErp() {
    return expectedErp;
  }

  @Override
  String expectedTgm() {
    return expectedTgm;
  }

  private static String key(JsonNode value) throws ConversionFailure {
    if (value.isBigDecimal() || value.isDouble() || value.isFloat()) {
      // 100000000.0 and 1E+8 name the same option as "100000000"
      BigDecimal decimal = Values.decimal(value);
      if (decimal != null) {
        return DecimalConverter.canonical(decimal);
      }
    }
    String text = Values.scalarText(value);
    if (text == null) {
      throw ConversionFailure.invalid("is not a single value");
    }
    return text;
  }

  private static String listed(Collection<String> values) {
    String shown =
        values.stream().limit(MAX_LISTED).map(Values::quote).collect(Collectors.joining(", "));
    return values.size() > MAX_LISTED ? shown + ", …" : shown;
  }
}
