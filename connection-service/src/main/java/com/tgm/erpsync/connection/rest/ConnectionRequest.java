package com.tgm.erpsync.connection.rest;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A connection as an admin sends it (create and update), with the guide's field names. Enum values
 * arrive as strings so that an unknown one is reported against its field, like any other error.
 * Secrets left out of an update (or sent back masked) keep their stored value.
 */
@Schema(
    example =
        """
        {"name": "Production SAP", "description": "Main SAP S/4HANA system",
         "erpType": "SAP_S4HANA", "authType": "OAUTH2",
         "baseUrl": "https://my-sap-system.example.com/sap/opu/odata4/sap",
         "clientId": "your-client-id", "clientSecret": "your-client-secret",
         "sapClient": "100", "sapSystemId": "PRD", "sapLanguage": "EN",
         "enabled": true, "syncEnabled": true, "syncDirection": "BIDIRECTIONAL",
         "syncIntervalMinutes": 60, "webhookEnabled": true}\
        """)
public record ConnectionRequest(
    String name,
    String description,
    String erpType,
    String authType,
    String baseUrl,
    String clientId,
    String clientSecret,
    String username,
    String password,
    String apiKey,
    String privateKey,
    String certificate,
    String sapClient,
    String sapSystemId,
    String sapInstanceNumber,
    String sapLanguage,
    String dynamicsTenantId,
    String dynamicsEnvironment,
    String dynamicsCompanyId,
    String oracleInstanceUrl,
    String oracleIdentityDomain,
    Map<String, Object> connectionSettings,
    Boolean enabled,
    Boolean syncEnabled,
    String syncDirection,
    Integer syncIntervalMinutes,
    Boolean webhookEnabled,
    Integer maxRetries,
    Integer retryDelaySeconds,
    Integer rateLimitRequests,
    Integer rateLimitPeriodSeconds,
    Integer maxConcurrentRequests) {}
