package com.tgm.erpsync.connection.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The guide's schedule view. lastFullSync, lastIncrementalSync, nextScheduledSync, nextSyncIn and
 * activeJobsCount come from sync-orchestrator; when it cannot be asked they are null and {@code
 * unavailable} names them and says why.
 */
@Schema(
    example =
        """
        {"connectionId": 1, "connectionName": "Production SAP", "syncEnabled": true,
         "syncIntervalMinutes": 60, "syncIntervalFormatted": "1 hour", "webhookEnabled": true,
         "webhookUrl": "/api/webhooks/erp/1", "maxRetries": 3, "retryDelaySeconds": 30,
         "rateLimitRequests": 100, "rateLimitPeriodSeconds": 60,
         "lastFullSync": "2024-01-14T00:00:00", "lastIncrementalSync": "2024-01-15T09:00:00",
         "nextScheduledSync": "2024-01-15T10:00:00", "nextSyncIn": "30 minutes",
         "isScheduleActive": true, "activeJobsCount": 0}\
        """)
public record ScheduleResponse(
    long connectionId,
    String connectionName,
    boolean syncEnabled,
    int syncIntervalMinutes,
    String syncIntervalFormatted,
    boolean webhookEnabled,
    String webhookUrl,
    int maxRetries,
    int retryDelaySeconds,
    int rateLimitRequests,
    int rateLimitPeriodSeconds,
    LocalDateTime lastFullSync,
    LocalDateTime lastIncrementalSync,
    LocalDateTime nextScheduledSync,
    String nextSyncIn,
    @JsonProperty("isScheduleActive") boolean isScheduleActive,
    Integer activeJobsCount,
    @JsonInclude(JsonInclude.Include.NON_NULL) Unavailable unavailable) {

  /** Fields that could not be filled, the service that owns them, and why. */
  public record Unavailable(String service, List<String> fields, String reason) {}
}
