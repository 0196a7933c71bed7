package com.tgm.erpsync.orchestrator.sync;

import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.JobStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Ends jobs: COMPLETED once every task is done and every command answered (with record errors too,
 * as the guide shows), FAILED as soon as a task cannot go on. A completed bulk job moves its
 * watermarks, but never past a record that failed, so the next incremental sync reads it again.
 */
@ApplicationScoped
public class JobCompletion {
  /** Business events: the guide's "grep ErpSync" and "grep ERP" find them. */
  private static final Logger LOG = Logger.getLogger("ErpSync.jobs");

  private final JobRepository jobs;
  private final WatermarkRepository watermarks;
  private final JobEvents events;

  public JobCompletion(JobRepository jobs, WatermarkRepository watermarks, JobEvents events) {
    this.jobs = jobs;
    this.watermarks = watermarks;
    this.events = events;
  }

  /** Completes the running job if nothing of it is open any more. */
  void check(Work work, SyncJob job) {
    if (!job.isRunning()) {
      return;
    }
    List<SyncTask> tasks = work.tasksOf(job.id);
    for (SyncTask task : tasks) {
      if (task.isRunning() && task.fedAndAnswered()) {
        task.status = SyncTask.DONE;
      }
    }
    if (tasks.stream().anyMatch(SyncTask::isOpen)) {
      return;
    }
    SyncTask failed =
        tasks.stream().filter(t -> SyncTask.FAILED.equals(t.status)).findFirst().orElse(null);
    if (failed != null) {
      finishFailed(job, failed.errorCode, failed.errorMessage);
      return;
    }
    if (job.isBulk()) {
      for (SyncTask task : tasks) {
        Instant candidate = task.watermarkCandidate();
        if (SyncTask.DONE.equals(task.status) && candidate != null) {
          watermarks.advance(job.connectionId, task.mappingId, task.direction, candidate, job.id);
        }
      }
    }
    jobs.finish(job, JobStatus.COMPLETED, null, null);
    events.completed(job);
    LOG.infof(
        "ERP sync job %d (%s, %s) completed: %d processed, %d ok, %d errors, %d skipped in %s",
        job.id,
        job.jobType,
        job.connectionName,
        job.processed,
        job.success,
        job.errors,
        job.skipped,
        formatDuration(job));
  }

  /**
   * Fails the job because {@code task} cannot go on: the task FAILED, the job's other open tasks
   * CANCELLED (no more commands), the job FAILED with the reason.
   */
  void fail(Work work, SyncJob job, SyncTask task, ErrorCode code, String message) {
    task.status = SyncTask.FAILED;
    task.errorCode = code.name();
    task.errorMessage = message;
    task.retryAt = null;
    for (SyncTask other : work.tasksOf(job.id)) {
      if (other != task && other.isOpen()) {
        other.status = SyncTask.CANCELLED;
        other.retryAt = null;
      }
    }
    if (job.isRunning()) {
      finishFailed(job, code.name(), message);
    }
  }

  private void finishFailed(SyncJob job, String code, String message) {
    jobs.finish(job, JobStatus.FAILED, code, message);
    events.failed(job, code, message);
    LOG.errorf(
        "ERP sync job %d (%s, %s) failed: %s (%s) after %d processed, %d ok, %d errors in %s",
        job.id,
        job.jobType,
        job.connectionName,
        message,
        code,
        job.processed,
        job.success,
        job.errors,
        formatDuration(job));
  }

  /** The final event of a job cancelled or reaped elsewhere. */
  void announceEnd(SyncJob job) {
    if (job.status == JobStatus.CANCELLED) {
      events.cancelled(job);
    } else if (job.status == JobStatus.STALE) {
      events.failed(job, JobStatus.STALE.name(), "No progress: marked stale");
    }
    jobs.markFinalEventSent(job.id);
  }

  /** What a user reads first: "Authentication failed", then the ERP's own words. */
  static String describe(ErrorCode code, String message) {
    String what =
        switch (code) {
          case AUTH_FAILED -> "Authentication failed";
          case NOT_FOUND -> "Not found";
          case VALIDATION_ERROR -> "Validation failed";
          case MAPPING_ERROR -> "Mapping failed";
          case CONFLICT -> "Conflict";
          case ETAG_MISMATCH -> "Record changed in the ERP meanwhile";
          case RATE_LIMITED -> "Rate limited by the ERP";
          case TIMEOUT -> "The ERP did not answer in time";
          case ERP_UNAVAILABLE -> "ERP unavailable";
          case ERP_ERROR -> "ERP error";
          case CONNECTION_UNKNOWN -> "Connection unknown to the connector";
          case CONNECTION_DISABLED -> "Connection disabled";
          case UNSUPPORTED_OPERATION -> "Not supported by the ERP";
          case INTERNAL_ERROR -> "Internal error";
        };
    return message == null || message.isBlank() ? what : what + ": " + message;
  }

  /** "15m 30s", as the guide writes durations. */
  static String formatDuration(SyncJob job) {
    Instant start = job.startedAt != null ? job.startedAt : job.createdAt;
    Duration duration = start == null ? Duration.ZERO : Duration.between(start, Instant.now());
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds >= 3600) {
      return seconds / 3600 + "h " + seconds % 3600 / 60 + "m " + seconds % 60 + "s";
    }
    if (seconds >= 60) {
      return seconds / 60 + "m " + seconds % 60 + "s";
    }
    return seconds + "s";
  }
}
