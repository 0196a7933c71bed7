package com.tgm.erpsync.connection.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * A connection as the API shows it: every setting, secrets masked ({@code "********"} where one is
 * set, listed in {@code configuredSecrets}), and the status a dashboard needs. Times are UTC.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
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
