package com.tgm.erpsync.orchestrator.schedule;

import com.tgm.erpsync.contracts.JobType;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.orchestrator.directory.ConnectionDeleted;
import com.tgm.erpsync.orchestrator.directory.ConnectionDirectory;
import com.tgm.erpsync.orchestrator.jobs.InvalidRequestException;
import com.tgm.erpsync.orchestrator.jobs.JobConflictException;
import com.tgm.erpsync.orchestrator.jobs.SyncJob;
import com.tgm.erpsync.orchestrator.jobs.SyncJobRepository;
import com.tgm.erpsync.orchestrator.jobs.SyncJobService;
import com.tgm.erpsync.orchestrator.jobs.UnknownResourceException;
import com.tgm.erpsync.orchestrator.schedule.ScheduleRepository.Taken;
import com.tgm.erpsync.orchestrator.schedule.ScheduledRun.Outcome;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Scheduled incremental syncs, one per connection every {@code syncIntervalMinutes}. Every replica
 * ticks; a due run is taken by exactly one of them, which locks the connection's sync_schedule row
 * (FOR UPDATE SKIP LOCKED), moves its next run on and starts the job before it lets the row go.
 */
@ApplicationScoped
public class SyncScheduler {
  /** Business events: the guide's "grep ErpSync" and "grep ERP" find them. */
  private static final Logger LOG = Logger.getLogger("ErpSync.schedule");

  /** The {@code triggeredBy} of the jobs the schedule starts. */
  public static final String TRIGGERED_BY = "schedule";

  private final ScheduleRepository schedules;
  private final SyncJobRepository jobRows;
  private final SyncJobService jobs;
  private final ConnectionDirectory connections;
  private final ScheduleConfig config;

  public SyncScheduler(
      ScheduleRepository schedules,
      SyncJobRepository jobRows,
      SyncJobService jobs,
      ConnectionDirectory connections,
      ScheduleConfig config) {
    this.schedules = schedules;
    this.jobRows = jobRows;
    this.jobs = jobs;
    this.connections = connections;
    this.config = config;
  }

  @Scheduled(
      identity = "erp-sync-schedule",
      every = "${orchestrator.schedule.tick:15s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void onTick() {
    if (!config.enabled()) {
      return;
    }
    try {
      tick();
    } catch (RuntimeException e) {
      // the database is away, most likely: the next tick tries again, nothing was taken
      LOG.warnf("ERP schedule tick failed: %s", e.getMessage());
    }
  }

  /**
   * Reconciles the schedule with the connections and fires what is due. Nothing happens until the
   * connection directory is loaded: a replica that has not read erp.connections yet would take
   * every connection for deleted.
   */
  public List<ScheduledRun> tick() {
    if (!connections.isLoaded()) {
      return List.of();
    }
    reconcile();
    return fireDue();
  }

  /**
   * One row per connection that is enabled, has sync enabled and an interval; no row for any other.
   * Only rows that differ from the directory are written, so a steady tick is one read.
   */
  public void reconcile() {
    if (!connections.isLoaded()) {
      return;
    }
    Map<Long, ConnectionSnapshot> known =
        connections.all().stream()
            .collect(Collectors.toMap(ConnectionSnapshot::id, Function.identity()));
    Map<Long, ScheduleRow> rows =
        schedules.all().stream()
            .collect(Collectors.toMap(ScheduleRow::connectionId, Function.identity()));
    for (ConnectionSnapshot connection : known.values()) {
      ScheduleRow row = rows.get(connection.id());
      if (isScheduled(connection)) {
        if (row == null || row.connectionVersion() < connection.version()) {
          boolean written =
              schedules.plan(
                  connection.id(), connection.syncIntervalMinutes(), connection.version());
          if (written
              && (row == null || row.intervalMinutes() != connection.syncIntervalMinutes())) {
            LOG.infof(
                "ERP scheduled sync of connection %d (%s): every %d minute(s), next at %s",
                connection.id(),
                connection.name(),
                connection.syncIntervalMinutes(),
                schedules.find(connection.id()).map(ScheduleRow::nextRunAt).orElse(null));
          }
        }
      } else if (row != null && schedules.remove(connection.id(), connection.version())) {
        LOG.infof(
            "ERP scheduled sync of connection %d (%s) removed: %s",
            connection.id(), connection.name(), whyNotScheduled(connection));
      }
    }
    for (ScheduleRow row : rows.values()) {
      if (!known.containsKey(row.connectionId()) && schedules.remove(row.connectionId(), null)) {
        LOG.infof(
            "ERP scheduled sync of connection %d removed: connection deleted", row.connectionId());
      }
    }
  }

  /** Fires every due run no other replica holds, each in a transaction of its own. */
  public List<ScheduledRun> fireDue() {
    List<ScheduledRun> runs = new ArrayList<>();
    for (int i = 0; i < config.maxPerTick(); i++) {
      Optional<ScheduledRun> run = QuarkusTransaction.requiringNew().call(this::fireNextDue);
      if (run.isEmpty()) {
        break;
      }
      runs.add(run.get());
    }
    return runs;
  }

  /** A tombstone removes the schedule at once, on every replica. */
  void forgetDeletedConnection(@Observes ConnectionDeleted deletion) {
    boolean removed =
        QuarkusTransaction.requiringNew()
            .call(() -> schedules.remove(deletion.connectionId(), null));
    if (removed) {
      LOG.infof(
          "ERP scheduled sync of connection %d removed: connection deleted",
          deletion.connectionId());
    }
  }

  /**
   * Takes the next due run and starts its job in a transaction of the job service's own, while the
   * row stays locked: another replica skips the row until the moved next run commits, so the run
   * fires once. Should this replica die between the two commits, the run is taken again, and
   * refused while the job it started runs.
   */
  private Optional<ScheduledRun> fireNextDue() {
    Optional<Taken> taken = schedules.takeNextDue();
    if (taken.isEmpty()) {
      return Optional.empty();
    }
    long connectionId = taken.get().row().connectionId();
    ScheduledRun run = start(connectionId, taken.get());
    if (run.outcome() == Outcome.STARTED) {
      schedules.fired(connectionId, run.jobId());
    }
    return Optional.of(run);
  }

  private ScheduledRun start(long connectionId, Taken taken) {
    String name = connections.find(connectionId).map(ConnectionSnapshot::name).orElse("unknown");
    Optional<Long> running = jobRows.activeBulkJobOf(connectionId);
    if (running.isPresent()) {
      return skipped(connectionId, name, running.get(), taken);
    }
    try {
      SyncJob job = jobs.startSync(connectionId, JobType.INCREMENTAL, TRIGGERED_BY);
      LOG.infof(
          "ERP scheduled sync of connection %d (%s) planned at %s: job %d started, next at %s",
          connectionId, name, taken.row().nextRunAt(), job.id(), taken.nextRunAt());
      return new ScheduledRun(connectionId, Outcome.STARTED, job.id(), taken.nextRunAt(), null);
    } catch (JobConflictException e) {
      if (e.reason() == JobConflictException.Reason.JOB_RUNNING) {
        return skipped(connectionId, name, e.runningJobId(), taken);
      }
      return refused(connectionId, name, e.getMessage(), taken);
    } catch (UnknownResourceException | InvalidRequestException e) {
      return refused(connectionId, name, e.getMessage(), taken);
    } catch (RuntimeException e) {
      // a job that cannot start now is not retried before the next planned run either
      return refused(connectionId, name, "the job could not be started: " + e.getMessage(), taken);
    }
  }

  private static ScheduledRun skipped(long connectionId, String name, Long jobId, Taken taken) {
    String reason =
        "sync job " + (jobId == null ? "(just started)" : jobId) + " of the connection still runs";
    LOG.infof(
        "ERP scheduled sync of connection %d (%s) planned at %s skipped: %s; next at %s",
        connectionId, name, taken.row().nextRunAt(), reason, taken.nextRunAt());
    return new ScheduledRun(connectionId, Outcome.SKIPPED, jobId, taken.nextRunAt(), reason);
  }

  private static ScheduledRun refused(long connectionId, String name, String reason, Taken taken) {
    LOG.warnf(
        "ERP scheduled sync of connection %d (%s) planned at %s refused: %s; next at %s",
        connectionId, name, taken.row().nextRunAt(), reason, taken.nextRunAt());
    return new ScheduledRun(connectionId, Outcome.REFUSED, null, taken.nextRunAt(), reason);
  }

  static boolean isScheduled(ConnectionSnapshot connection) {
    return connection.enabled() && connection.syncEnabled() && connection.syncIntervalMinutes() > 0;
  }

  private static String whyNotScheduled(ConnectionSnapshot connection) {
    if (!connection.enabled()) {
      return "connection disabled";
    }
    if (!connection.syncEnabled()) {
      return "sync disabled";
    }
    return "no sync interval";
  }
}
