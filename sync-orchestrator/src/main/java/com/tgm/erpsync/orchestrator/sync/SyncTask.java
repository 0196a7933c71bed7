package com.tgm.erpsync.orchestrator.sync;

import com.tgm.erpsync.contracts.EntityType;
import java.time.Instant;

/**
 * A job's work for one mapping and direction, as read under the job's lock; the driver changes it
 * in memory and writes it back with {@link JobRepository#save(SyncTask)} in the same transaction.
 */
public final class SyncTask {
  static final String PENDING = "PENDING";
  static final String RUNNING = "RUNNING";
  static final String DONE = "DONE";
  static final String FAILED = "FAILED";
  static final String CANCELLED = "CANCELLED";

  static final String INBOUND = "INBOUND";
  static final String OUTBOUND = "OUTBOUND";

  final long jobId;
  final long mappingId;
  final String direction;
  long mappingVersion;
  final EntityType entityType;
  final String erpEntityName;
  String status;
  String pageCursor;
  int pagesDone;
  Long totalCount;
  Instant modifiedSince;
  Instant highWatermark;
  Instant afterUpdatedAt;
  Long afterTgmId;
  long commandsIssued;
  long commandsAnswered;
  int pageFailures;
  Instant retryAt;
  Instant minFailedModifiedAt;
  boolean feedExhausted;
  Long afterErrorIndex;
  String errorCode;
  String errorMessage;

  SyncTask(
      long jobId,
      long mappingId,
      String direction,
      long mappingVersion,
      EntityType entityType,
      String erpEntityName) {
    this.jobId = jobId;
    this.mappingId = mappingId;
    this.direction = direction;
    this.mappingVersion = mappingVersion;
    this.entityType = entityType;
    this.erpEntityName = erpEntityName;
  }

  boolean inbound() {
    return INBOUND.equals(direction);
  }

  boolean isRunning() {
    return RUNNING.equals(status);
  }

  boolean isOpen() {
    return PENDING.equals(status) || RUNNING.equals(status);
  }

  /** Every record read and every command answered: nothing more will come for this task. */
  boolean fedAndAnswered() {
    return feedExhausted && commandsAnswered >= commandsIssued;
  }

  void sawModified(Instant modifiedAt) {
    if (modifiedAt != null && (highWatermark == null || modifiedAt.isAfter(highWatermark))) {
      highWatermark = modifiedAt;
    }
  }

  void failedModified(Instant modifiedAt) {
    if (modifiedAt != null
        && (minFailedModifiedAt == null || modifiedAt.isBefore(minFailedModifiedAt))) {
      minFailedModifiedAt = modifiedAt;
    }
  }

  /** Where the watermark may move after this task: not past a record that failed. */
  Instant watermarkCandidate() {
    if (highWatermark == null) {
      return minFailedModifiedAt;
    }
    if (minFailedModifiedAt != null && minFailedModifiedAt.isBefore(highWatermark)) {
      return minFailedModifiedAt;
    }
    return highWatermark;
  }

  String describe() {
    return "job "
        + jobId
        + " "
        + direction.toLowerCase()
        + " "
        + entityType
        + " (mapping "
        + mappingId
        + ")";
  }
}
