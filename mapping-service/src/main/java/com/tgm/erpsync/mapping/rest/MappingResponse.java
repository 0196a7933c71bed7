package com.tgm.erpsync.mapping.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An entity mapping as the API shows it; times are UTC; version increases on every change. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
    example =
        """
        {"id": 1, "connectionId": 1, "tgmEntityType": "UNIT", "erpEntityName": "Equipment",
         "syncEnabled": true, "syncDirection": "BIDIRECTIONAL", "conflictResolution": "ERP_WINS",
         "batchSize": 100,
         "fieldMappings": [
          {"tgmField": "name", "erpField": "Description", "fieldType": "STRING",
           "syncDirection": "BIDIRECTIONAL", "required": true, "isKeyField": false},
          {"tgmField": "serialNumber", "erpField": "SerialNumber", "fieldType": "STRING",
           "syncDirection": "INBOUND", "required": false, "isKeyField": true},
          {"tgmField": "manufacturer", "erpField": "ManufacturerName", "fieldType": "STRING",
           "syncDirection": "INBOUND", "required": false, "isKeyField": false}],
         "version": 1, "createdAt": "2024-01-15T10:30:00", "updatedAt": "2024-01-15T10:30:00"}\
        """)
public record MappingResponse(
    long id,
    long connectionId,
    String tgmEntityType,
    String erpEntityName,
    boolean syncEnabled,
    String syncDirection,
    String conflictResolution,
    int batchSize,
    String deltaField,
    String filter,
    List<FieldMappingResponse> fieldMappings,
    long version,
    LocalDateTime createdAt,
    LocalDateTime updatedAt) {}
