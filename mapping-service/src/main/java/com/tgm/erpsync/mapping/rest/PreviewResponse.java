package com.tgm.erpsync.mapping.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a sync would make of a sample record with the mapping as it is now: the record in the other
 * shape, every field that failed, and what a preview cannot know.
 */
@Schema(description = "A mapping run on a sample record; nothing was written anywhere.")
public record PreviewResponse(
    long mappingId,
    @Schema(description = "The mapping version the preview ran") long mappingVersion,
    String direction,
    @Schema(
            description =
                "The mapped record: TGM field names for INBOUND, ERP field names (nested objects"
                    + " for dotted paths) for OUTBOUND. It holds every field that converted, even"
                    + " when others failed.")
        ObjectNode record,
    @Schema(
            description =
                "The ERP key fields and their values as the ERP would see them; null when a key"
                    + " value is missing")
        Map<String, String> erpKey,
    @Schema(
            description =
                "Hash of the record's mapped values, as a sync stores it to recognise its own"
                    + " writes coming back; null when a field failed")
        String recordHash,
    @Schema(
            description =
                "The code a sync job would log this record with (VALIDATION_ERROR or"
                    + " MAPPING_ERROR); null when the record maps")
        String errorCode,
    @Schema(description = "Every field that could not be mapped") List<FailedField> problems,
    @Schema(
            description =
                "REFERENCE fields: a sync translates them through its ledger of linked records,"
                    + " which a preview does not read; they are left out of the record")
        List<UnresolvedReference> unresolvedReferences) {

  /** One field of the sample that could not be mapped. */
  public record FailedField(
      String code,
      String tgmField,
      String erpField,
      @Schema(description = "The offending value as JSON text; null when it is missing")
          String value,
      String expected,
      String message) {}

  /** A REFERENCE value that only a sync can translate. */
  public record UnresolvedReference(
      String tgmField, String erpField, String referenceEntity, String value) {}
}
