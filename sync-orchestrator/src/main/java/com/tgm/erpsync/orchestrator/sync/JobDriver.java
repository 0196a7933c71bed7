package com.tgm.erpsync.orchestrator.sync;

import com.tgm.erpsync.orchestrator.jobs.JobCreated;
import com.tgm.erpsync.orchestrator.sync.JobRepository.TaskRef;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Drives jobs forward from the database, never from memory: on a thread of its own it starts the
 * tasks of new jobs, asks again for pages whose retry is due, feeds record commands while the
 * connections' windows have room, and ends jobs that are done. A new job or a batch of answers
 * wakes it at once; otherwise it looks every {@code orchestrator.sync.tick-interval}, which also
 * picks up the work of a replica that died. Each job is handled under its row lock, taken with SKIP
 * LOCKED, so two replicas never drive the same job at once.
 */
@ApplicationScoped
public class JobDriver {
  private static final int BATCH = 50;

  /** Feed steps of one task per pass, so one big task does not starve the others. */
  private static final int STEPS_PER_TASK = 20;

  private final JobRepository jobs;
  private final JobFlow flow;
  private final TaskResources resources;
  private final RealtimeJobs realtime;
  private final SyncConfig config;
  private final Semaphore wakeups = new Semaphore(0);
  private volatile boolean running;
  private Thread worker;

  public JobDriver(
      JobRepository jobs,
      JobFlow flow,
      TaskResources resources,
      RealtimeJobs realtime,
      SyncConfig config) {
    this.jobs = jobs;
    this.realtime = realtime;
    this.flow = flow;
    this.resources = resources;
    this.config = config;
  }

  synchronized void start(@Observes StartupEvent event) {
    if (worker != null) {
      return;
    }
    running = true;
    worker = new Thread(this::run, "erp-sync-job-driver");
    worker.setDaemon(true);
    worker.start();
    Log.infof(
        "ERP sync job driver started (every %d ms, window %d commands per connection)",
        config.tickInterval().toMillis(), config.maxInFlight());
  }

  synchronized void stop(@Observes ShutdownEvent event) {
    running = false;
    wake();
    if (worker != null) {
      try {
        worker.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  void onJobCreated(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobCreated created) {
    wake();
  }

  /** Makes the driver look at once (a new job, answers that made room). */
  public void wake() {
    if (wakeups.availablePermits() == 0) {
      wakeups.release();
    }
  }

  private void run() {
    while (running) {
      try {
        if (resources.loaded()) {
          pass();
        }
      } catch (RuntimeException e) {
        Log.warnf("ErpSync job driver pass failed, trying again: %s", e.getMessage());
      }
      try {
        if (wakeups.tryAcquire(config.tickInterval().toMillis(), TimeUnit.MILLISECONDS)) {
          wakeups.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** One look at everything that may move; each job in a transaction of its own. */
  void pass() {
    for (long jobId : jobs.jobsWithPendingTasks(BATCH)) {
      onJob(jobId, work -> flow.start(work, work.job(jobId).orElseThrow()));
    }
    for (long jobId : jobs.jobsWithDueRetries(BATCH)) {
      onJob(jobId, work -> flow.resendDuePages(work, work.job(jobId).orElseThrow()));
    }
    Set<TaskRef> feedable = new LinkedHashSet<>(jobs.feedableTasks(BATCH));
    for (TaskRef ref : feedable) {
      for (int step = 0; step < STEPS_PER_TASK && running; step++) {
        if (!Boolean.TRUE.equals(feedStep(ref))) {
          break;
        }
      }
    }
    for (long jobId : jobs.realtimeJobsPastTheirHour(BATCH)) {
      onJob(jobId, work -> realtime.close(work, work.job(jobId).orElseThrow()));
    }
    Set<Long> done = new LinkedHashSet<>(jobs.runningJobsWithoutOpenTasks(BATCH));
    done.addAll(jobs.runningJobsWithAnsweredTasks(BATCH));
    for (long jobId : done) {
      onJob(jobId, work -> {});
    }
    for (long jobId : jobs.progressDue(config.progressEvery(), BATCH)) {
      onJob(jobId, work -> flow.progress(work.job(jobId).orElseThrow()));
    }
    for (long jobId : jobs.finalEventsDue(BATCH)) {
      inTransaction(
          jobId,
          () -> {
            Optional<SyncJob> job = jobs.tryLock(jobId);
            job.filter(j -> !j.isRunning()).ifPresent(flow::announceEnd);
            return null;
          });
    }
  }

  /** One feed step of a task; true when it has more to send right away. */
  private Boolean feedStep(TaskRef ref) {
    return inTransaction(
        ref.jobId(),
        () -> {
          Optional<SyncJob> job = jobs.tryLock(ref.jobId());
          if (job.isEmpty()) {
            return false;
          }
          Work work = Work.of(jobs, job.get());
          // finish feeds every task it holds once: here the one task read
          work.task(ref.jobId(), ref.mappingId(), ref.direction());
          return flow.finish(work);
        });
  }

  /** Runs {@code step} on the job, locked, and ends the transaction's work. */
  private void onJob(long jobId, Consumer<Work> step) {
    inTransaction(
        jobId,
        () -> {
          Optional<SyncJob> job = jobs.tryLock(jobId);
          if (job.isEmpty()) {
            return null; // another transaction drives it now
          }
          Work work = Work.of(jobs, job.get());
          step.accept(work);
          if (flow.finish(work)) {
            wake();
          }
          return null;
        });
  }

  private <T> T inTransaction(long jobId, java.util.concurrent.Callable<T> body) {
    try {
      return QuarkusTransaction.requiringNew().call(body);
    } catch (RuntimeException e) {
      Log.warnf("ErpSync job %d: driver step failed, retried on the next pass: %s", jobId, e);
      return null;
    }
  }
}
