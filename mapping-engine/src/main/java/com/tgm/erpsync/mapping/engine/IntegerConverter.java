package com.tgm.erpsync.mapping.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Whole numbers, from JSON numbers or from text (OData V2 sends Edm.Int64 as a string). Written to
 * the ERP as a JSON number, or as text with format STRING or ODATA_V2.
 */
final class IntegerConverter extends ValueConverter {
  private static final String EXPECTED = "a whole number, e.g. 42 or \"42\"";
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final boolean asText;

  IntegerConverter(FieldFormat format) {
    ValueConverter.requireNoZone(format, "INTEGER");
    if (!format.isDefaultOr(FieldFormat.NUMBER, FieldFormat.ISO)
        && !format.is(FieldFormat.STRING)
        && !format.is(FieldFormat.ODATA_V2)) {
      throw ValueConverter.unusableFormat(
          format, "INTEGER", "NUMBER (default), STRING or ODATA_V2");
    }
    this.asText = format.is(FieldFormat.STRING) || format.is(FieldFormat.ODATA_V2);
  }

  @Override
  JsonNode toTgm(JsonNode erpValue) throws ConversionFailure {
    return normalizeTgm(erpValue);
  }

  @Override
  JsonNode toErp(JsonNode tgmValue) throws ConversionFailure {
    JsonNode number = normalizeTgm(tgmValue);
    if (number == null || !asText) {
      return number;
    }
    return TextNode.valueOf(number.asText());
  }

  @Override
  JsonNode normalizeTgm(JsonNode value) throws ConversionFailure {
    if (value.isIntegralNumber()) {
      return value.canConvertToLong()
          ? Values.wholeNumber(value.longValue())
          : BigIntegerNode.valueOf(value.bigIntegerValue());
    }
    BigInteger whole;
    if (value.isNumber()) {
      BigDecimal decimal = Values.decimal(value);
      whole = decimal == null ? null : wholePart(decimal);
    } else if (value.isTextual()) {
      String text = value.textValue().trim();
      if (text.isEmpty()) {
        return null;
      }
      whole = parse(text);
    } else {
      whole = null;
    }
    if (whole == null) {
      throw ConversionFailure.invalid("is not a whole number");
    }
    return whole.compareTo(LONG_MIN) >= 0 && whole.compareTo(LONG_MAX) <= 0
        ? Values.wholeNumber(whole.longValue())
        : BigIntegerNode.valueOf(whole);
  }

  @Override
  String canonical(JsonNode tgmValue) throws ConversionFailure {
    JsonNode number = normalizeTgm(tgmValue);
    return number == null ? null : number.asText();
  }

  @Override
  String expectedErp() {
    return EXPECTED;
  }

  @Override
  String expectedTgm() {
    return EXPECTED;
  }

  private static BigInteger parse(String text) {
    if (text.length() <= 18 && isPlainInteger(text)) {
      return BigInteger.valueOf(Long.parseLong(text));
    }
    try {
      return wholePart(new BigDecimal(text));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean isPlainInteger(String text) {
    int start = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
    if (start == text.length()) {
      return false;
    }
    for (int i = start; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The value when it has no fraction (7.000 is 7), else null. */
  private static BigInteger wholePart(BigDecimal decimal) {
    if (Math.abs((long) decimal.scale()) > DecimalConverter.MAX_SCALE) {
      return null;
    }
    try {
      return decimal.toBigIntegerExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }
}
