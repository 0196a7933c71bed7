package com.tgm.erpsync.mapping.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Small helpers over Jackson nodes shared by the converters. */
final class Values {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_SHOWN = 200;

  private Values() {}

  /**
   * Text of a scalar as the ERP meant it (numbers in plain notation), null for objects and arrays.
   */
  static String scalarText(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBigDecimal() || node.isDouble() || node.isFloat()) {
      return node.decimalValue().toPlainString();
    }
    if (node.isNumber() || node.isBoolean()) {
      return node.asText();
    }
    return null;
  }

  /** The value as JSON text for a message, cut short when long. */
  static String describe(JsonNode node) {
    if (node == null) {
      return null;
    }
    String text = node.toString();
    return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "…";
  }

  /** A whole number in the node a JSON parser would make of it (IntNode when it fits). */
  static JsonNode wholeNumber(long value) {
    return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
  }

  /** A number in the node a JSON parser would make of it: whole numbers as such, else decimal. */
  static JsonNode number(BigDecimal value) {
    if (value.scale() <= 0 || value.stripTrailingZeros().scale() <= 0) {
      try {
        BigInteger whole = value.toBigIntegerExact();
        return whole.bitLength() < 64
            ? wholeNumber(whole.longValue())
            : BigIntegerNode.valueOf(whole);
      } catch (ArithmeticException e) {
        // not whole after all
      }
    }
    return DecimalNode.valueOf(value);
  }

  /** The text as a JSON string literal. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2);
    appendQuoted(text, out);
    return out.toString();
  }

  static void appendQuoted(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** A finite decimal from a JSON number, or null for NaN and infinities. */
  static BigDecimal decimal(JsonNode number) {
    if ((number.isDouble() || number.isFloat()) && !Double.isFinite(number.doubleValue())) {
      return null;
    }
    return number.decimalValue();
  }
}
