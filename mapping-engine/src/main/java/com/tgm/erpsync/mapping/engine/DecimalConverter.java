package com.tgm.erpsync.mapping.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;

/**
 * Exact decimals, from JSON numbers or text ({@code "7.400"}, as OData V2 sends Edm.Decimal), with
 * the scale kept: "7.400" stays 7.400 in TGM and goes back as "7.400". Written to the ERP as a JSON
 * number, or as text with format STRING or ODATA_V2. Compared by value: 7.4 equals 7.400.
 */
final class DecimalConverter extends ValueConverter {
  /** Beyond this scale a value is refused: 1E+999999999 would print a billion digits. */
  static final int MAX_SCALE = 1000;

  private static final String EXPECTED = "a decimal number, e.g. 7.4 or \"7.400\"";

  private final boolean asText;

  DecimalConverter(FieldFormat format) {
    ValueConverter.requireNoZone(format, "DECIMAL");
    if (!format.isDefaultOr(FieldFormat.NUMBER, FieldFormat.ISO)
        && !format.is(FieldFormat.STRING)
        && !format.is(FieldFormat.ODATA_V2)) {
      throw ValueConverter.unusableFormat(
          format, "DECIMAL", "NUMBER (default), STRING or ODATA_V2");
    }
    this.asText = format.is(FieldFormat.STRING) || format.is(FieldFormat.ODATA_V2);
  }

  @Override
  JsonNode toTgm(JsonNode erpValue) throws ConversionFailure {
    return normalizeTgm(erpValue);
  }

  @Override
  JsonNode toErp(JsonNode tgmValue) throws ConversionFailure {
    BigDecimal decimal = parse(tgmValue);
    if (decimal == null) {
      return null;
    }
    return asText ? TextNode.valueOf(decimal.toPlainString()) : DecimalNode.valueOf(decimal);
  }

  @Override
  JsonNode normalizeTgm(JsonNode value) throws ConversionFailure {
    BigDecimal decimal = parse(value);
    return decimal == null ? null : DecimalNode.valueOf(decimal);
  }

  @Override
  String canonical(JsonNode tgmValue) throws ConversionFailure {
    BigDecimal decimal = parse(tgmValue);
    return decimal == null ? null : canonical(decimal);
  }

  static String canonical(BigDecimal decimal) {
    return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
  }

  @Override
  String expectedErp() {
    return EXPECTED;
  }

  @Override
  String expectedTgm() {
    return EXPECTED;
  }

  private static BigDecimal parse(JsonNode value) throws ConversionFailure {
    BigDecimal decimal = null;
    if (value.isNumber()) {
      decimal = Values.decimal(value);
    } else if (value.isTextual()) {
      String text = value.textValue().trim();
      if (text.isEmpty()) {
        return null;
      }
      try {
        decimal = new BigDecimal(text);
      } catch (NumberFormatException e) {
        decimal = null;
      }
    }
    if (decimal == null || Math.abs((long) decimal.scale()) > MAX_SCALE) {
      throw ConversionFailure.invalid("is not a decimal number");
    }
    return decimal;
  }
}
