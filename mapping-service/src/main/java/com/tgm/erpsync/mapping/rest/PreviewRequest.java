package com.tgm.erpsync.mapping.rest;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A sample record to run a mapping on: an ERP record (as the ERP sends it, one entity) for INBOUND,
 * a TGM record for OUTBOUND. The direction arrives as a string so that a wrong one is reported
 * against its field.
 */
@Schema(
    description = "A sample record and the way to map it.",
    example =
        """
        {"direction": "INBOUND",
         "record": {"Equipment": "10000045", "Description": "Pump P-101",
                    "SerialNumber": "SN-4711", "ManufacturerName": "KSB"}}\
        """)
public record PreviewRequest(
    @Schema(
            description =
                "INBOUND: record is an ERP record, mapped to TGM; OUTBOUND: record is a TGM"
                    + " record, mapped to the ERP")
        String direction,
    @Schema(description = "The sample record, a JSON object") JsonNode record) {}
