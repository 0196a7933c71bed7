package com.tgm.erpsync.mapping.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.tgm.erpsync.contracts.snapshot.FieldMappingSpec;

/**
 * Converts one field's values between the ERP's wire form and TGM's form. Values handed in are
 * never null nor JSON null (the engine deals with missing values, defaults and required fields); a
 * null answer means "empty" (an ERP's blank date, an unmapped blank ENUM value).
 *
 * <p>TGM's form: STRING text, INTEGER and REFERENCE whole numbers, DECIMAL exact decimals (scale
 * kept), BOOLEAN true/false, DATE ISO text {@code 2017-04-13}, DATETIME ISO instant text {@code
 * 2017-04-13T15:51:04Z}, ENUM the TGM value's text, JSON the JSON itself.
 */
abstract class ValueConverter {

  abstract JsonNode toTgm(JsonNode erpValue) throws ConversionFailure;

  abstract JsonNode toErp(JsonNode tgmValue) throws ConversionFailure;

  /** A TGM value, in whatever form TGM handed it over, in TGM's own form. */
  abstract JsonNode normalizeTgm(JsonNode tgmValue) throws ConversionFailure;

  /**
   * The value reduced to what it means, for hashing and comparison: 7.4, "7.400" and 7.40 all give
   * "7.4"; null when the value counts as empty.
   */
  abstract String canonical(JsonNode tgmValue) throws ConversionFailure;

  /** What an ERP value should look like, for messages. */
  abstract String expectedErp();

  /** What a TGM value should look like, for messages. */
  abstract String expectedTgm();

  /** A field mapping's defaultValue, which is written as a TGM value, in TGM's form. */
  JsonNode parseDefault(String text) throws ConversionFailure {
    return normalizeTgm(TextNode.valueOf(text));
  }

  /**
   * The converter for a field mapping.
   *
   * @throws IllegalArgumentException with a message for the mapping author when the format, value
   *     map or reference target does not fit the field type
   */
  static ValueConverter of(FieldMappingSpec spec, long connectionId, ReferenceResolver resolver) {
    FieldFormat format = FieldFormat.parse(spec.format());
    return switch (spec.fieldType()) {
      case STRING -> new StringConverter(format);
      case INTEGER -> new IntegerConverter(format);
      case DECIMAL -> new DecimalConverter(format);
      case BOOLEAN -> new BooleanConverter(format);
      case DATE -> new DateConverter(format);
      case DATETIME -> new DateTimeConverter(format);
      case ENUM -> new EnumConverter(spec.valueMap(), spec.defaultValue(), format);
      case REFERENCE ->
          new ReferenceConverter(spec.referenceEntity(), connectionId, resolver, format);
      case JSON -> new JsonConverter(format);
    };
  }

  static IllegalArgumentException unusableFormat(FieldFormat format, String type, String allowed) {
    return new IllegalArgumentException(
        "format " + Values.quote(format.raw) + " is not usable for " + type + "; use " + allowed);
  }

  static void requireNoZone(FieldFormat format, String type) {
    if (format.zone != null) {
      throw new IllegalArgumentException(
          "format " + Values.quote(format.raw) + ": a time zone means nothing for " + type);
    }
  }
}
