package com.tgm.erpsync.connection.rest;

import java.util.Map;

/**
 * A connection as an admin sends it (create and update), with the guide's field names. Enum values
 * arrive as strings so that an unknown one is reported against its field, like any other error.
 * Secrets left out of an update (or sent back masked) keep their stored value.
 */
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
