package com.tgm.erpsync.orchestrator.sync;

import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.JobStatus;
import com.tgm.erpsync.contracts.JobType;
import com.tgm.erpsync.contracts.SyncDirection;
import java.time.Instant;

/**
 * A sync job as read under its row lock, with what the current transaction adds to its counters.
 * Counters change in memory and reach the row in one UPDATE ({@link JobRepository#saveCounters}),
 * so a page or a batch of results costs one write of the job however many records it holds.
 */
public final class SyncJob {
  final long id;
  final long connectionId;
  final String connectionName;
  final JobType jobType;
  final SyncDirection direction;
  JobStatus status;
  final EntityType entityType;
  final String recordId;
  final Long retryOfJobId;
  final boolean failedRecordsOnly;
  final Instant startedAt;
  final Instant createdAt;
  final long progressEventRecords;
  final Instant progressEventAt;

  Long totalRecords;
  long processed;
  long success;
  long errors;
  long skipped;
  private boolean dirty;

  SyncJob(
      long id,
      long connectionId,
      String connectionName,
      JobType jobType,
      SyncDirection direction,
      JobStatus status,
      EntityType entityType,
      String recordId,
      Long retryOfJobId,
      boolean failedRecordsOnly,
      Instant startedAt,
      Instant createdAt,
      Long totalRecords,
      long processed,
      long success,
      long errors,
      long skipped,
      long progressEventRecords,
      Instant progressEventAt) {
    this.id = id;
    this.connectionId = connectionId;
    this.connectionName = connectionName;
    this.jobType = jobType;
    this.direction = direction;
    this.status = status;
    this.entityType = entityType;
    this.recordId = recordId;
    this.retryOfJobId = retryOfJobId;
    this.failedRecordsOnly = failedRecordsOnly;
    this.startedAt = startedAt;
    this.createdAt = createdAt;
    this.totalRecords = totalRecords;
    this.processed = processed;
    this.success = success;
    this.errors = errors;
    this.skipped = skipped;
    this.progressEventRecords = progressEventRecords;
    this.progressEventAt = progressEventAt;
  }

  public long id() {
    return id;
  }

  public long connectionId() {
    return connectionId;
  }

  public JobStatus status() {
    return status;
  }

  public boolean isRunning() {
    return status == JobStatus.RUNNING;
  }

  /** A bulk sync (full or incremental): the only kind that moves watermarks. */
  boolean isBulk() {
    return !retriesFailedRecords() && (jobType == JobType.FULL || jobType == JobType.INCREMENTAL);
  }

  /** A retry that re-syncs only the records in the error log of the job it retries. */
  boolean retriesFailedRecords() {
    return failedRecordsOnly && retryOfJobId != null && jobType != JobType.SINGLE_RECORD;
  }

  void succeeded() {
    processed();
    success++;
  }

  void skipped() {
    processed();
    skipped++;
  }

  /** Counts a failed record; returns its record index (the job's error count before it). */
  long failed() {
    long index = errors;
    processed();
    errors++;
    return index;
  }

  /**
   * A REALTIME job has no total known in advance: it counts the changes it has processed, so its
   * total is its processed count.
   */
  private void processed() {
    processed++;
    if (jobType == JobType.REALTIME) {
      totalRecords = processed;
    }
    dirty = true;
  }

  void addTotal(long count) {
    totalRecords = (totalRecords == null ? 0 : totalRecords) + count;
    dirty = true;
  }

  boolean dirty() {
    return dirty;
  }

  void clean() {
    dirty = false;
  }
}
