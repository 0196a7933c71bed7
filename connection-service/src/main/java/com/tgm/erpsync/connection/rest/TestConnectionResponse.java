package com.tgm.erpsync.connection.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The guide's answer to a connection test: {@code status} is {@code success} or {@code failure},
 * {@code message} says what the connector found. {@code errorCode} (on failures the connector
 * classified) and {@code latencyMs} (when a connector answered) come on top.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
    example =
        """
        {"connectionId": 1, "connectionName": "Production SAP", "erpType": "SAP_S4HANA",
         "status": "success", "message": "Successfully connected to SAP S/4HANA",
         "testedAt": "2024-01-15T10:30:00", "latencyMs": 182}\
        """)
public record TestConnectionResponse(
    long connectionId,
    String connectionName,
    String erpType,
    @Schema(enumeration = {"success", "failure"}) String status,
    String message,
    LocalDateTime testedAt,
    String errorCode,
    Long latencyMs) {}
