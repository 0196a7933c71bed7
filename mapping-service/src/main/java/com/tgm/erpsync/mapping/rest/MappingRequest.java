package com.tgm.erpsync.mapping.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An entity mapping as an admin sends it (create and update), with the guide's field names. Enum
 * values arrive as strings so that an unknown one is reported against its field, like any other
 * problem. On update, fields left out (null) keep their value; {@code fieldMappings}, when given,
 * replaces the whole list.
 */
@Schema(
    description =
        "Maps one TGM entity to one ERP entity. Defaults: syncEnabled true, syncDirection"
            + " BIDIRECTIONAL, conflictResolution ERP_WINS (TGM_WINS for an OUTBOUND mapping),"
            + " batchSize 100 (1-1000).",
    example =
        """
        {"tgmEntityType": "UNIT", "erpEntityName": "Equipment", "syncEnabled": true,
         "syncDirection": "BIDIRECTIONAL", "conflictResolution": "ERP_WINS", "batchSize": 100,
         "fieldMappings": [
          {"tgmField": "name", "erpField": "Description", "fieldType": "STRING",
           "syncDirection": "BIDIRECTIONAL", "required": true},
          {"tgmField": "serialNumber", "erpField": "SerialNumber", "fieldType": "STRING",
           "syncDirection": "INBOUND", "isKeyField": true},
          {"tgmField": "manufacturer", "erpField": "ManufacturerName", "fieldType": "STRING",
           "syncDirection": "INBOUND"}]}\
        """)
public record MappingRequest(
    @Schema(description = "TGM entity: COMPANY, LOCATION, UNIT, COMPONENT, USER, WORK_ORDER, ...")
        String tgmEntityType,
    @Schema(description = "ERP entity set, e.g. Equipment") String erpEntityName,
    Boolean syncEnabled,
    @Schema(description = "INBOUND, OUTBOUND or BIDIRECTIONAL") String syncDirection,
    @Schema(
            description =
                "TGM_WINS, ERP_WINS, NEWEST_WINS, MANUAL or MERGE; MANUAL and MERGE need a"
                    + " BIDIRECTIONAL mapping")
        String conflictResolution,
    @Schema(description = "Records per ERP request, 1-1000") Integer batchSize,
    @Schema(description = "ERP last-modified field for incremental sync, e.g. LastChangeDateTime")
        String deltaField,
    @Schema(description = "ERP-native filter applied to every extract") String filter,
    List<FieldMappingRequest> fieldMappings) {}
