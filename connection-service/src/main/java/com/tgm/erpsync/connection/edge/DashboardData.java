package com.tgm.erpsync.connection.edge;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDateTime;
import java.util.List;

/**
 * sync-orchestrator's half of the dashboard (GET /api/internal/erp/dashboard-data): jobs and
 * schedules. Times are UTC; a list it leaves out is empty, a field it does not know is ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DashboardData(
    long runningJobsCount,
    List<RunningJob> runningJobs,
    List<FailedJob> recentFailedJobs,
    List<ConnectionSyncs> connections,
    List<UpcomingSync> upcomingSyncs) {

  public DashboardData {
    runningJobs = runningJobs == null ? List.of() : List.copyOf(runningJobs);
    recentFailedJobs = recentFailedJobs == null ? List.of() : List.copyOf(recentFailedJobs);
    connections = connections == null ? List.of() : List.copyOf(connections);
    upcomingSyncs = upcomingSyncs == null ? List.of() : List.copyOf(upcomingSyncs);
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RunningJob(
      long jobId,
      long connectionId,
      String connectionName,
      String jobType,
      int progressPercent,
      long processedRecords,
      Long totalRecords,
      LocalDateTime startedAt) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record FailedJob(
      long jobId,
      long connectionId,
      String connectionName,
      String jobType,
      String errorMessage,
      long errorCount,
      LocalDateTime failedAt,
      @JsonProperty("isRetryable") boolean isRetryable) {}

  /** lastSyncStatus: COMPLETED, FAILED or STALE of the full or incremental sync that ended last. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ConnectionSyncs(
      long connectionId,
      LocalDateTime lastSuccessfulSync,
      String lastSyncStatus,
      long recentErrorCount) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record UpcomingSync(
      long connectionId, String connectionName, String syncType, LocalDateTime nextSyncAt) {}
}
