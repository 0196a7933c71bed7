package com.tgm.erpsync.orchestrator.rest;

import com.tgm.erpsync.orchestrator.jobs.SyncJob;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A sync job as the guide shows it, in the guide's field order: the fields of the trigger answer
 * and of "Monitoring Sync Jobs", plus what a user needs to read a job without guessing (the single
 * record, the job it retries, who started it, why it failed). Times are UTC to the second.
 */
public record JobView(
    long id,
    long erpConnectionId,
    String erpConnectionName,
    String jobType,
    String direction,
    String status,
    String entityType,
    String recordId,
    Long totalRecords,
    long processedRecords,
    long successCount,
    long errorCount,
    long skipCount,
    int progressPercent,
    LocalDateTime startedAt,
    LocalDateTime completedAt,
    LocalDateTime createdAt,
    Long durationMs,
    String durationFormatted,
    String errorMessage,
    Long retryOfJobId,
    boolean failedRecordsOnly,
    String triggeredBy) {

  static JobView of(SyncJob job, Instant now) {
    Long durationMs = job.durationMs(now);
    return new JobView(
        job.id(),
        job.connectionId(),
        job.connectionName(),
        job.jobType().name(),
        job.direction().name(),
        job.status().name(),
        job.entityType(),
        job.recordId(),
        job.totalRecords(),
        job.processedRecords(),
        job.successCount(),
        job.errorCount(),
        job.skipCount(),
        job.progressPercent(),
        utc(job.startedAt()),
        utc(job.completedAt()),
        utc(job.createdAt()),
        durationMs,
        SyncJob.formatDuration(durationMs),
        job.errorMessage(),
        job.retryOfJobId(),
        job.failedRecordsOnly(),
        job.triggeredBy());
  }

  /** The guide shows times as UTC local date-times to the second: 2024-01-15T10:30:00. */
  static LocalDateTime utc(Instant instant) {
    return instant == null
        ? null
        : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
  }
}
