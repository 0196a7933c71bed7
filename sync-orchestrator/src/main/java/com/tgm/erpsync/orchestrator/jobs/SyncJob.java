package com.tgm.erpsync.orchestrator.jobs;

import com.tgm.erpsync.contracts.JobStatus;
import com.tgm.erpsync.contracts.JobType;
import com.tgm.erpsync.contracts.SyncDirection;
import java.time.Duration;
import java.time.Instant;

/**
 * One row of sync_job. Times are instants; {@code totalRecords} is null until the job knows it.
 *
 * @param entityType single record: the TGM entity; otherwise null
 * @param recordId single record: the TGM id (OUTBOUND) or ERP key (INBOUND); otherwise null
 */
public record SyncJob(
    long id,
    long connectionId,
    String connectionName,
    JobType jobType,
    SyncDirection direction,
    JobStatus status,
    String entityType,
    String recordId,
    Long retryOfJobId,
    boolean failedRecordsOnly,
    String triggeredBy,
    Long totalRecords,
    long processedRecords,
    long successCount,
    long errorCount,
    long skipCount,
    String errorCode,
    String errorMessage,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt,
    Instant lastProgressAt) {

  /** PENDING or RUNNING. */
  public boolean isActive() {
    return !status.isTerminal();
  }

  /** FULL and INCREMENTAL jobs move a connection's watermarks: one at a time per connection. */
  public boolean isBulk() {
    return isBulk(jobType);
  }

  public static boolean isBulk(JobType type) {
    return type == JobType.FULL || type == JobType.INCREMENTAL;
  }

  /**
   * 0–100, rounded down: 100 once COMPLETED, else processed of total when the total is known (and
   * not zero), else 0. Never 100 before completion: an ERP's count can be lower than what it sends.
   */
  public int progressPercent() {
    if (status == JobStatus.COMPLETED) {
      return 100;
    }
    if (totalRecords == null || totalRecords <= 0) {
      return 0;
    }
    return (int) Math.min(99, processedRecords * 100 / totalRecords);
  }

  /**
   * From start to completion, or to {@code now} while the job is active; null before it started (or
   * for a terminal job that never started).
   */
  public Long durationMs(Instant now) {
    if (startedAt == null) {
      return null;
    }
    Instant end = completedAt != null ? completedAt : isActive() ? now : null;
    return end == null ? null : Math.max(0, Duration.between(startedAt, end).toMillis());
  }

  /**
   * The guide's "15m 30s": whole seconds, from the largest non-zero unit down to seconds ("1h 0m
   * 5s", "45s", "0s"); hours are not rolled into days.
   */
  public static String formatDuration(Long durationMs) {
    if (durationMs == null) {
      return null;
    }
    long seconds = Math.max(0, durationMs) / 1000;
    long hours = seconds / 3600;
    long minutes = seconds % 3600 / 60;
    long secs = seconds % 60;
    if (hours > 0) {
      return hours + "h " + minutes + "m " + secs + "s";
    }
    if (minutes > 0) {
      return minutes + "m " + secs + "s";
    }
    return secs + "s";
  }
}
