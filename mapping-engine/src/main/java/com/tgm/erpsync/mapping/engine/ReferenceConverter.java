package com.tgm.erpsync.mapping.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.ErrorCode;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A foreign key: the ERP key of the referenced record on the ERP side, its TGM id on the TGM side,
 * translated by the {@link ReferenceResolver}. A reference nobody has linked yet is a MAPPING_ERROR
 * of the field. ERP keys are written as text, or with format NUMBER as JSON numbers.
 */
final class ReferenceConverter extends ValueConverter {
  private final EntityType entity;
  private final long connectionId;
  private final ReferenceResolver resolver;
  private final boolean asNumber;
  private final String expectedErp;

  ReferenceConverter(
      EntityType entity, long connectionId, ReferenceResolver resolver, FieldFormat format) {
    if (entity == null) {
      throw new IllegalArgumentException("a REFERENCE needs a referenceEntity");
    }
    ValueConverter.requireNoZone(format, "REFERENCE");
    if (!format.isDefaultOr(FieldFormat.STRING, FieldFormat.NUMBER)) {
      throw ValueConverter.unusableFormat(format, "REFERENCE", "STRING (default) or NUMBER");
    }
    this.entity = entity;
    this.connectionId = connectionId;
    this.resolver = resolver;
    this.asNumber = format.is(FieldFormat.NUMBER);
    this.expectedErp = "the ERP key of a " + entity + " record already linked to TGM";
  }

  @Override
  JsonNode toTgm(JsonNode erpValue) throws ConversionFailure {
    String erpKey = Values.scalarText(erpValue);
    if (erpKey == null) {
      throw ConversionFailure.invalid("is not an ERP key");
    }
    if (erpKey.isBlank()) {
      return null;
    }
    OptionalLong tgmId = resolver.tgmId(connectionId, entity, erpKey);
    if (tgmId.isEmpty()) {
      throw new ConversionFailure(
          ErrorCode.MAPPING_ERROR,
          "is not linked to any TGM " + entity + " on connection " + connectionId,
          null);
    }
    return Values.wholeNumber(tgmId.getAsLong());
  }

  @Override
  JsonNode toErp(JsonNode tgmValue) throws ConversionFailure {
    Long tgmId = tgmId(tgmValue);
    if (tgmId == null) {
      return null;
    }
    Optional<String> erpKey = resolver.erpKey(connectionId, entity, tgmId);
    if (erpKey.isEmpty()) {
      throw new ConversionFailure(
          ErrorCode.MAPPING_ERROR,
          "is not linked to any ERP " + entity + " on connection " + connectionId,
          "the id of a TGM " + entity + " record already linked to the ERP");
    }
    if (asNumber) {
      try {
        return Values.number(new BigDecimal(erpKey.get()));
      } catch (NumberFormatException e) {
        throw new ConversionFailure(
            ErrorCode.MAPPING_ERROR,
            "is linked to ERP key " + Values.quote(erpKey.get()) + ", which is not a number",
            "a numeric ERP key (format NUMBER)");
      }
    }
    return TextNode.valueOf(erpKey.get());
  }

  @Override
  JsonNode normalizeTgm(JsonNode tgmValue) throws ConversionFailure {
    Long tgmId = tgmId(tgmValue);
    return tgmId == null ? null : Values.wholeNumber(tgmId);
  }

  @Override
  String canonical(JsonNode tgmValue) throws ConversionFailure {
    Long tgmId = tgmId(tgmValue);
    return tgmId == null ? null : tgmId.toString();
  }

  @Override
  String expectedErp() {
    return expectedErp;
  }

  @Override
  String expectedTgm() {
    return "the id of a TGM " + entity + " record, e.g. 42";
  }

  private static Long tgmId(JsonNode value) throws ConversionFailure {
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    if (value.isTextual()) {
      String text = value.textValue().trim();
      if (text.isEmpty()) {
        return null;
      }
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        // falls through to the failure below
      }
    }
    throw ConversionFailure.invalid("is not a TGM id");
  }
}
