package com.tgm.erpsync.mapping.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.tgm.erpsync.contracts.snapshot.FieldMappingSpec;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One field mapping as an admin sends it; the JSON name "isKeyField" is the guide's. */
public record FieldMappingRequest(
    @Schema(description = "TGM field, as GET /syncable-entities lists it, e.g. serialNumber")
        String tgmField,
    @Schema(description = "ERP field, e.g. SerialNumber") String erpField,
    @Schema(
            description =
                "STRING, INTEGER, DECIMAL, BOOLEAN, DATE, DATETIME, ENUM, REFERENCE or JSON;"
                    + " defaults to the TGM field's type")
        String fieldType,
    @Schema(description = "Defaults to the mapping's direction") String syncDirection,
    Boolean required,
    @Schema(description = "Identifies the ERP record; several make a composite key")
        @JsonProperty("isKeyField")
        Boolean keyField,
    @Schema(description = "ENUM only: TGM value → ERP value (read in reverse inbound)")
        Map<String, String> valueMap,
    @Schema(
            description =
                "Value used when the source has none; for an ENUM, the value for one the valueMap"
                    + " does not list (without it such a record fails)")
        String defaultValue,
    @Schema(description = "DATE/DATETIME: a date-time pattern (yyyy-MM-dd); DECIMAL: #,##0.00")
        String format,
    @Schema(description = "REFERENCE only: the TGM entity the field points to")
        String referenceEntity) {

  /** The stored form as a request, for an update that leaves the field mappings as they are. */
  public static FieldMappingRequest of(FieldMappingSpec spec) {
    return new FieldMappingRequest(
        spec.tgmField(),
        spec.erpField(),
        name(spec.fieldType()),
        name(spec.syncDirection()),
        spec.required(),
        spec.keyField(),
        spec.valueMap(),
        spec.defaultValue(),
        spec.format(),
        name(spec.referenceEntity()));
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }
}
