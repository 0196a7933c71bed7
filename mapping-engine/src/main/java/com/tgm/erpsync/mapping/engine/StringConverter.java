package com.tgm.erpsync.mapping.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** Text both ways; numbers and booleans become their text. An empty text compares as no value. */
final class StringConverter extends ValueConverter {
  private static final String EXPECTED = "a text value";

  StringConverter(FieldFormat format) {
    ValueConverter.requireNoZone(format, "STRING");
    if (!format.isDefaultOr(FieldFormat.STRING)) {
      throw ValueConverter.unusableFormat(format, "STRING", "no format");
    }
  }

  @Override
  JsonNode toTgm(JsonNode erpValue) throws ConversionFailure {
    return text(erpValue);
  }

  @Override
  JsonNode toErp(JsonNode tgmValue) throws ConversionFailure {
    return text(tgmValue);
  }

  @Override
  JsonNode normalizeTgm(JsonNode tgmValue) throws ConversionFailure {
    return text(tgmValue);
  }

  @Override
  String canonical(JsonNode tgmValue) throws ConversionFailure {
    String text = text(tgmValue).textValue();
    return text.isEmpty() ? null : text;
  }

  @Override
  String expectedErp() {
    return EXPECTED;
  }

  @Override
  String expectedTgm() {
    return EXPECTED;
  }

  private static TextNode text(JsonNode value) throws ConversionFailure {
    if (value.isTextual()) {
      return (TextNode) value;
    }
    String text = Values.scalarText(value);
    if (text == null) {
      throw ConversionFailure.invalid("is not a text value");
    }
    return TextNode.valueOf(text);
  }
}
