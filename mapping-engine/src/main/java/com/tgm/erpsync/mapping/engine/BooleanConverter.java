package com.tgm.erpsync.mapping.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Locale;

/**
 * True/false. Read from any of the ERPs' spellings: JSON booleans, "true"/"false", SAP's "X" and ""
 * (or " "), 1/0 and "1"/"0", "Yes"/"No". Written as the format says: BOOLEAN (default) a JSON
 * boolean, SAP "X"/"", NUMBER 1/0, STRING "true"/"false", YES_NO "Yes"/"No".
 */
final class BooleanConverter extends ValueConverter {
  private static final String EXPECTED =
      "true or false, \"X\" or \"\" (SAP), 1 or 0, or \"Yes\" or \"No\"";

  private final String kind;

  BooleanConverter(FieldFormat format) {
    ValueConverter.requireNoZone(format, "BOOLEAN");
    if (!format.isDefaultOr(
        FieldFormat.BOOLEAN,
        FieldFormat.SAP,
        FieldFormat.NUMBER,
        FieldFormat.STRING,
        FieldFormat.YES_NO)) {
      throw ValueConverter.unusableFormat(
          format, "BOOLEAN", "BOOLEAN (default), SAP, NUMBER, STRING or YES_NO");
    }
    this.kind = format.kind;
  }

  @Override
  JsonNode toTgm(JsonNode erpValue) throws ConversionFailure {
    return BooleanNode.valueOf(parse(erpValue));
  }

  @Override
  JsonNode toErp(JsonNode tgmValue) throws ConversionFailure {
    boolean value = parse(tgmValue);
    return switch (kind) {
      case FieldFormat.SAP -> TextNode.valueOf(value ? "X" : "");
      case FieldFormat.NUMBER -> IntNode.valueOf(value ? 1 : 0);
      case FieldFormat.STRING -> TextNode.valueOf(value ? "true" : "false");
      case FieldFormat.YES_NO -> TextNode.valueOf(value ? "Yes" : "No");
      default -> BooleanNode.valueOf(value);
    };
  }

  @Override
  JsonNode normalizeTgm(JsonNode tgmValue) throws ConversionFailure {
    return BooleanNode.valueOf(parse(tgmValue));
  }

  @Override
  String canonical(JsonNode tgmValue) throws ConversionFailure {
    return parse(tgmValue) ? "true" : "false";
  }

  @Override
  String expectedErp() {
    return EXPECTED;
  }

  @Override
  String expectedTgm() {
    return EXPECTED;
  }

  private static boolean parse(JsonNode value) throws ConversionFailure {
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber() && value.canConvertToInt()) {
      int number = value.intValue();
      if (number == 1 || number == 0) {
        return number == 1;
      }
    } else if (value.isTextual()) {
      switch (value.textValue().trim().toLowerCase(Locale.ROOT)) {
        case "true", "x", "1", "yes", "y":
          return true;
        case "false", "", "0", "no", "n":
          return false;
        default:
          break;
      }
    }
    throw ConversionFailure.invalid("is not a boolean");
  }
}
