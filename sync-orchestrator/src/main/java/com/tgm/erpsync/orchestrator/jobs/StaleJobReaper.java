package com.tgm.erpsync.orchestrator.jobs;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Marks STALE the jobs that made no progress for {@code orchestrator.jobs.stale-after} (2 hours, as
 * the guide says), so they stop holding their connection and can be retried. One guarded UPDATE by
 * the database's clock: every replica may run it, each job is marked once.
 */
@ApplicationScoped
public class StaleJobReaper {
  private static final Logger LOG = Logger.getLogger("ErpSync.jobs");

  private final SyncJobRepository repository;
  private final JobsConfig config;

  public StaleJobReaper(SyncJobRepository repository, JobsConfig config) {
    this.repository = repository;
    this.config = config;
  }

  @Scheduled(
      identity = "stale-job-reaper",
      every = "${orchestrator.jobs.reaper-interval:60s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void onSchedule() {
    reapStaleJobs();
  }

  /** Marks the stale jobs now and returns them. */
  public List<SyncJob> reapStaleJobs() {
    String message = staleMessage(config.staleAfter());
    List<SyncJob> stale =
        QuarkusTransaction.requiringNew()
            .call(() -> repository.markStale(config.staleAfter(), message));
    for (SyncJob job : stale) {
      LOG.warnf(
          "ERP sync job %d (%s) of connection %d marked STALE: no progress since %s",
          job.id(), job.jobType(), job.connectionId(), job.lastProgressAt());
    }
    return stale;
  }

  /** "No progress for 2 hours: marked stale", in the largest whole unit of the threshold. */
  static String staleMessage(Duration staleAfter) {
    long seconds = staleAfter.toSeconds();
    String span;
    if (seconds > 0 && seconds % 3600 == 0) {
      span = plural(seconds / 3600, "hour");
    } else if (seconds > 0 && seconds % 60 == 0) {
      span = plural(seconds / 60, "minute");
    } else {
      span = plural(seconds, "second");
    }
    return "No progress for " + span + ": marked stale";
  }

  private static String plural(long count, String unit) {
    return count + " " + unit + (count == 1 ? "" : "s");
  }
}
