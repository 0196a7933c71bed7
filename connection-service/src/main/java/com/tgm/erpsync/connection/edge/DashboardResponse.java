package com.tgm.erpsync.connection.edge;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The guide's dashboard, every field of its example. Times are UTC to the second; durations in
 * words ("5 minutes", "1 hour 5 minutes", "less than a minute").
 */
@Schema(
    example =
        """
        {"totalConnections": 3, "enabledConnections": 2, "connectedConnections": 2,
         "errorConnections": 0, "runningJobsCount": 1,
         "runningJobs": [{"jobId": 125, "connectionId": 1, "connectionName": "Production SAP",
           "jobType": "INCREMENTAL", "progressPercent": 45, "processedRecords": 450,
           "totalRecords": 1000, "startedAt": "2024-01-15T10:30:00", "runningFor": "5 minutes"}],
         "recentFailedJobs": [{"jobId": 120, "connectionId": 2, "connectionName": "Dynamics 365",
           "jobType": "FULL", "errorMessage": "Authentication failed", "errorCount": 15,
           "failedAt": "2024-01-15T08:00:00", "isRetryable": true}],
         "connectionHealth": [{"connectionId": 1, "connectionName": "Production SAP",
           "erpType": "SAP_S4HANA", "connectionStatus": "CONNECTED",
           "lastSuccessfulSync": "2024-01-15T09:00:00", "recentErrorCount": 0,
           "healthStatus": "HEALTHY"}],
         "upcomingSyncs": [{"connectionId": 1, "connectionName": "Production SAP",
           "syncType": "INCREMENTAL", "nextSyncAt": "2024-01-15T11:00:00",
           "timeUntilSync": "25 minutes"}],
         "generatedAt": "2024-01-15T10:35:00"}\
        """)
public record DashboardResponse(
    long totalConnections,
    long enabledConnections,
    long connectedConnections,
    long errorConnections,
    long runningJobsCount,
    List<RunningJob> runningJobs,
    List<FailedJob> recentFailedJobs,
    List<ConnectionHealth> connectionHealth,
    List<UpcomingSync> upcomingSyncs,
    LocalDateTime generatedAt) {

  public record RunningJob(
      long jobId,
      long connectionId,
      String connectionName,
      String jobType,
      int progressPercent,
      long processedRecords,
      Long totalRecords,
      LocalDateTime startedAt,
      String runningFor) {}

  public record FailedJob(
      long jobId,
      long connectionId,
      String connectionName,
      String jobType,
      String errorMessage,
      long errorCount,
      LocalDateTime failedAt,
      @JsonProperty("isRetryable") boolean isRetryable) {}

  public record ConnectionHealth(
      long connectionId,
      String connectionName,
      String erpType,
      String connectionStatus,
      LocalDateTime lastSuccessfulSync,
      long recentErrorCount,
      HealthStatus healthStatus) {}

  public record UpcomingSync(
      long connectionId,
      String connectionName,
      String syncType,
      LocalDateTime nextSyncAt,
      String timeUntilSync) {}

  /** How a connection is doing, from its tested status and its recent syncs. */
  public enum HealthStatus {
    /** Tested CONNECTED, no errors in the last 24 hours, its last sync did not fail. */
    HEALTHY,
    /** Works, but not tested yet or with errors (failed records or jobs) in the last 24 hours. */
    DEGRADED,
    /** Its connection test failed (ERROR), or its last full or incremental sync FAILED or STALE. */
    UNHEALTHY,
    /** Disabled: nothing syncs, nothing to judge. */
    DISABLED
  }
}
