package com.tgm.erpsync.orchestrator.sync;

import com.tgm.erpsync.contracts.JobType;
import com.tgm.erpsync.orchestrator.sync.TaskResources.Resolution;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps every transaction of the driver is made of: start a job's pending tasks, ask again for
 * pages whose retry is due, and at the end feed the tasks touched, end the jobs that are done and
 * write back tasks and counters.
 */
@ApplicationScoped
public class JobFlow {
  private final JobRepository jobs;
  private final TaskResources resources;
  private final InboundPages inbound;
  private final OutboundFeeder outbound;
  private final JobCompletion completion;
  private final JobEvents events;
  private final SyncConfig config;

  public JobFlow(
      JobRepository jobs,
      TaskResources resources,
      InboundPages inbound,
      OutboundFeeder outbound,
      JobCompletion completion,
      JobEvents events,
      SyncConfig config) {
    this.jobs = jobs;
    this.resources = resources;
    this.inbound = inbound;
    this.outbound = outbound;
    this.completion = completion;
    this.events = events;
    this.config = config;
  }

  /** Starts the pending tasks of a running job locked by this transaction. */
  void start(Work work, SyncJob job) {
    if (!job.isRunning()) {
      return;
    }
    List<SyncTask> tasks = work.tasksOf(job.id);
    List<SyncTask> pending = tasks.stream().filter(t -> SyncTask.PENDING.equals(t.status)).toList();
    if (pending.isEmpty()) {
      return;
    }
    if (pending.size() == tasks.size()) {
      events.started(job);
    }
    // TGM is read for the ERP only once the ERP's records are in: what was just read is then
    // recognised as unchanged instead of racing the writes
    boolean inboundOpen = tasks.stream().anyMatch(t -> t.inbound() && t.isOpen());
    for (SyncTask task : pending) {
      if (!task.inbound() && inboundOpen) {
        continue;
      }
      if (!job.isRunning()) {
        return; // an earlier task failed the job
      }
      Resolution resolution = resources.resolve(job, task);
      if (!resolution.ok()) {
        completion.fail(work, job, task, resolution.errorCode(), resolution.message());
        return;
      }
      task.mappingVersion = resolution.resources().mapping().version();
      task.status = SyncTask.RUNNING;
      if (job.jobType == JobType.SINGLE_RECORD) {
        outbound.startSingle(work, job, task, resolution.resources());
      } else if (job.retriesFailedRecords()) {
        outbound.startFailedOnly(job, task);
      } else if (task.inbound()) {
        inbound.startPaging(job, task, resolution.resources());
      } else {
        outbound.startTable(job, task);
      }
      Log.debugf("ErpSync %s started", task.describe());
    }
  }

  /** Asks again for the pages of the job whose retry is due. */
  void resendDuePages(Work work, SyncJob job) {
    if (!job.isRunning()) {
      return;
    }
    Instant now = Instant.now();
    for (SyncTask task : work.tasksOf(job.id)) {
      if (task.isRunning() && task.retryAt != null && !task.retryAt.isAfter(now)) {
        inbound.resendPage(work, job, task);
      }
    }
  }

  /**
   * Ends the transaction's work: feeds each touched task once, ends the jobs that are done, writes
   * tasks and counters, and publishes progress every so many records. Returns whether a task has
   * more to feed at once.
   */
  boolean finish(Work work) {
    work.flushWrites();
    boolean more = false;
    for (SyncJob job : new ArrayList<>(work.jobs())) {
      // outbound tasks wait for the inbound ones of their job: start them once those are done
      if (job.isRunning()
          && work.tasks().stream().anyMatch(t -> t.jobId == job.id && !t.isOpen())) {
        start(work, job);
      }
    }
    for (SyncTask task : new ArrayList<>(work.tasks())) {
      SyncJob job = work.job(task.jobId).orElse(null);
      if (job != null && feeds(job, task)) {
        more |= outbound.feed(work, job, task) == OutboundFeeder.Outcome.MORE;
      }
    }
    for (SyncJob job : work.jobs()) {
      completion.check(work, job);
    }
    for (SyncTask task : work.tasks()) {
      jobs.save(task);
    }
    for (SyncJob job : work.jobs()) {
      jobs.saveCounters(job);
      if (job.isRunning()
          && job.processed - job.progressEventRecords >= config.progressEveryRecords()) {
        events.progress(job);
        jobs.markProgressEvent(job.id, job.processed);
      }
    }
    return more;
  }

  /** Whether the task sends record commands it reads from a source (not pages). */
  static boolean feeds(SyncJob job, SyncTask task) {
    return job.isRunning()
        && task.isRunning()
        && !task.feedExhausted
        && job.jobType != JobType.SINGLE_RECORD
        && job.jobType != JobType.REALTIME
        && (!task.inbound() || job.retriesFailedRecords());
  }

  /** A progress event for a job that processed records since its last one. */
  void progress(SyncJob job) {
    if (job.isRunning() && job.processed > job.progressEventRecords) {
      events.progress(job);
      jobs.markProgressEvent(job.id, job.processed);
    }
  }

  /** The final event of a job that ended elsewhere (cancelled, stale). */
  void announceEnd(SyncJob job) {
    completion.announceEnd(job);
  }
}
