package com.tgm.erpsync.orchestrator.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The jobs and schedules half of the guide's dashboard, for connection-service, which adds the
 * connections and their status and answers the guide's JSON. Times are UTC to the second; every
 * list is bounded ({@code orchestrator.dashboard.list-limit}).
 *
 * @param runningJobsCount every PENDING or RUNNING job, also those past the list's limit
 * @param runningJobs the newest active jobs
 * @param recentFailedJobs FAILED and STALE jobs that ended within the recent-failures window,
 *     newest first
 * @param connections per connection the orchestrator knows: last success and recent errors
 * @param upcomingSyncs the scheduled syncs due soonest
 */
public record DashboardData(
    LocalDateTime generatedAt,
    long runningJobsCount,
    List<RunningJob> runningJobs,
    List<FailedJob> recentFailedJobs,
    List<ConnectionSyncs> connections,
    List<UpcomingSync> upcomingSyncs) {

  /** An active job; {@code totalRecords} is null until the job knows it. */
  public record RunningJob(
      long jobId,
      long connectionId,
      String connectionName,
      String jobType,
      String status,
      int progressPercent,
      long processedRecords,
      Long totalRecords,
      LocalDateTime startedAt) {}

  /**
   * A job that failed, or was marked stale, recently. {@code errorCount} counts its failed records;
   * {@code isRetryable}: the retry endpoint would take it (not a realtime job, connection known).
   */
  public record FailedJob(
      long jobId,
      long connectionId,
      String connectionName,
      String jobType,
      String status,
      String errorCode,
      String errorMessage,
      long errorCount,
      LocalDateTime failedAt,
      @JsonProperty("isRetryable") boolean isRetryable) {}

  /**
   * What the jobs say of one connection.
   *
   * @param lastSuccessfulSync completedAt of its latest COMPLETED full or incremental sync
   * @param lastSyncStatus the status of the full or incremental sync of it that ended last
   *     (COMPLETED, FAILED or STALE; cancelled ones say nothing of its health), null without one
   * @param recentErrorCount within the recent-failures window: its failed records plus its jobs
   *     that FAILED or went STALE
   */
  public record ConnectionSyncs(
      long connectionId,
      LocalDateTime lastSuccessfulSync,
      String lastSyncStatus,
      long recentErrorCount) {}

  /** A scheduled sync: always INCREMENTAL, due at {@code nextSyncAt} (sync_schedule's next run). */
  public record UpcomingSync(
      long connectionId, String connectionName, String syncType, LocalDateTime nextSyncAt) {}
}
