package com.tgm.erpsync.connection.edge;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /conflicts/{id}/resolve} as the OpenAPI document shows it. The edge
 * relays the body as it arrived; sync-orchestrator reads and validates it.
 */
@Schema(
    name = "ConflictResolution",
    description =
        "Which side wins a conflict. MERGED keeps the TGM field values given in values; TGM and ERP"
            + " need no values.",
    example =
        """
        {"resolution": "MERGED", "values": {"name": "Pump 7 (rebuilt)", "serialNumber": "SN-0042"}}\
        """)
public record ConflictResolutionRequest(
    @Schema(
            required = true,
            enumeration = {"TGM", "ERP", "MERGED"},
            description =
                "TGM: keep TGM's values and write them to the ERP; ERP: take the ERP's values into"
                    + " TGM; MERGED: keep the values given in values")
        String resolution,
    @Schema(
            type = SchemaType.OBJECT,
            description =
                "Required for MERGED: the conflicting fields, by TGM field name, with the values to"
                    + " keep")
        Map<String, Object> values) {}
