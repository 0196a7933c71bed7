package com.tgm.erpsync.connection.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A connection as the API shows it: every setting, secrets masked ({@code "********"} where one is
 * set, listed in {@code configuredSecrets}), and the status a dashboard needs. Times are UTC.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
    example =
        """
        {"id": 1, "name": "Production SAP", "description": "Main SAP S/4HANA system",
         "erpType": "SAP_S4HANA", "authType": "OAUTH2",
         "baseUrl": "https://my-sap-system.example.com/sap/opu/odata4/sap",
         "clientId": "your-client-id", "clientSecret": "********", "sapClient": "100",
         "sapSystemId": "PRD", "sapLanguage": "EN", "connectionSettings": {},
         "configuredSecrets": ["clientSecret", "webhookSecret"], "enabled": true,
         "syncEnabled": true, "syncDirection": "BIDIRECTIONAL", "syncIntervalMinutes": 60,
         "webhookEnabled": true, "maxRetries": 3, "retryDelaySeconds": 30,
         "rateLimitRequests": 100, "rateLimitPeriodSeconds": 60, "maxConcurrentRequests": 4,
         "connectionStatus": "CONNECTED", "lastTestedAt": "2024-01-15T10:30:00", "version": 1,
         "createdAt": "2024-01-15T10:00:00", "updatedAt": "2024-01-15T10:00:00"}\
        """)
public record ConnectionResponse(
    long id,
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
    List<String> configuredSecrets,
    boolean enabled,
    boolean syncEnabled,
    String syncDirection,
    int syncIntervalMinutes,
    boolean webhookEnabled,
    int maxRetries,
    int retryDelaySeconds,
    int rateLimitRequests,
    int rateLimitPeriodSeconds,
    int maxConcurrentRequests,
    String connectionStatus,
    LocalDateTime lastTestedAt,
    String lastError,
    long version,
    LocalDateTime createdAt,
    LocalDateTime updatedAt) {}
