package com.tgm.erpsync.orchestrator.jobs;

import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.JobStatus;
import com.tgm.erpsync.contracts.JobType;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.contracts.snapshot.MappingSnapshot;
import com.tgm.erpsync.orchestrator.directory.ConnectionDeleted;
import com.tgm.erpsync.orchestrator.directory.ConnectionDirectory;
import com.tgm.erpsync.orchestrator.directory.DirectoryConfig;
import com.tgm.erpsync.orchestrator.directory.MappingDirectory;
import com.tgm.erpsync.orchestrator.jobs.InvalidRequestException.Violation;
import com.tgm.erpsync.orchestrator.jobs.JobConflictException.Reason;
import com.tgm.erpsync.orchestrator.jobs.SyncJobRepository.BulkJobRunningException;
import com.tgm.erpsync.orchestrator.jobs.SyncJobRepository.FailedEntity;
import com.tgm.erpsync.orchestrator.jobs.SyncJobRepository.NewJob;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Sync jobs as users start, watch, cancel and retry them. A job is created RUNNING together with
 * its tasks (one per enabled mapping and direction) in one transaction, under its connection's
 * lock, so it never slips past the deletion of its connection; {@link JobCreated} then tells the
 * driver. What a job may do is decided from the connections and mappings on Kafka.
 */
@ApplicationScoped
public class SyncJobService {
  /** Business events: the guide's "grep ErpSync" and "grep ERP" find them. */
  private static final Logger LOG = Logger.getLogger("ErpSync.jobs");

  /** The error message of the jobs a connection's deletion cancels. */
  public static final String CONNECTION_DELETED = "connection deleted";

  static final int MAX_RECORD_ID_LENGTH = 500;
  private static final String SYNCABLE =
      String.join(", ", Arrays.stream(EntityType.values()).map(Enum::name).toList());

  private final SyncJobRepository repository;
  private final ConnectionDirectory connections;
  private final MappingDirectory mappings;
  private final DirectoryConfig directories;
  private final JobsConfig config;
  private final Event<JobCreated> created;

  public SyncJobService(
      SyncJobRepository repository,
      ConnectionDirectory connections,
      MappingDirectory mappings,
      DirectoryConfig directories,
      JobsConfig config,
      Event<JobCreated> created) {
    this.repository = repository;
    this.connections = connections;
    this.mappings = mappings;
    this.directories = directories;
    this.config = config;
    this.created = created;
  }

  /**
   * Starts a FULL or INCREMENTAL sync in the connection's direction: 404 for an unknown connection,
   * 409 when it is disabled, its sync is disabled, no enabled mapping syncs its way, or another
   * full or incremental sync of it is active.
   */
  public SyncJob startSync(long connectionId, JobType type, String triggeredBy) {
    if (!SyncJob.isBulk(type)) {
      throw new IllegalArgumentException("not a full or incremental sync: " + type);
    }
    JobPlan plan =
        plan(
            connectionId,
            connection ->
                bulkPlan(connection, type, directionOf(connection), null, false, t -> true)
                    .by(triggeredBy));
    return create(plan);
  }

  /**
   * Starts an inbound INCREMENTAL sync of the mappings of one ERP entity: the re-read an ERP asks
   * for when it reports many changes without listing them (Business Central's {@code collection}
   * notification). It reads every record of the entity changed since the mapping's last watermark,
   * which takes in the records the ERP's filter names. Refused as any bulk sync is (409 when one is
   * active, when the connection does not sync inbound or has no enabled inbound mapping of it).
   */
  public SyncJob startReread(long connectionId, String erpEntityName, String triggeredBy) {
    JobPlan plan =
        plan(
            connectionId,
            connection -> {
              if (!allows(directionOf(connection), SyncDirection.INBOUND)) {
                throw new JobConflictException(
                    Reason.NO_ENABLED_MAPPING,
                    "Connection " + connectionId + " does not sync ERP records into TGM");
              }
              return bulkPlan(
                      connection,
                      JobType.INCREMENTAL,
                      SyncDirection.INBOUND,
                      null,
                      false,
                      task -> task.erpEntityName().equalsIgnoreCase(erpEntityName))
                  .by(triggeredBy);
            });
    return create(plan);
  }

  /**
   * Starts a sync of one record. The parameters are as the user sent them: each one at fault is
   * named in a 400; the connection's state is checked after them (409).
   */
  public SyncJob startSingleRecord(
      long connectionId, String entityType, String recordId, String direction, String triggeredBy) {
    JobPlan plan =
        plan(
            connectionId,
            connection -> singlePlan(connection, entityType, recordId, direction).by(triggeredBy));
    return create(plan);
  }

  /** Cancels a PENDING or RUNNING job and its tasks; 409 naming the status of a finished one. */
  public SyncJob cancel(long jobId, String cancelledBy) {
    SyncJob cancelled =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    repository
                        .cancel(jobId, "Cancelled by " + cancelledBy)
                        .orElseThrow(() -> notCancellable(jobId)));
    LOG.infof(
        "ERP sync job %d (%s) of connection %d cancelled by %s",
        cancelled.id(), cancelled.jobType(), cancelled.connectionId(), cancelledBy);
    return cancelled;
  }

  /**
   * Starts a new job from a finished one's configuration (connection, type, direction, record): for
   * a FAILED, CANCELLED or STALE job, or a COMPLETED one with errors. With {@code
   * failedRecordsOnly} the new job re-syncs only the records the old one logged as failed.
   *
   * @param failedRecordsOnly as the user sent it: "true", "false" or null
   */
  public SyncJob retry(long jobId, String failedRecordsOnly, String triggeredBy) {
    boolean failedOnly = parseFlag("failedRecordsOnly", failedRecordsOnly);
    SyncJob old = repository.find(jobId).orElseThrow(() -> unknownJob(jobId));
    refuseRetryOf(old);
    Predicate<SyncJobTask> keep = task -> true;
    if (failedOnly) {
      if (!repository.hasErrorLogs(jobId)) {
        throw new JobConflictException(
            Reason.NO_FAILED_RECORDS,
            "Sync job " + jobId + " logged no failed record: retry it whole");
      }
      List<FailedEntity> failed = repository.failedEntitiesOf(jobId);
      keep =
          task ->
              failed.stream()
                  .anyMatch(
                      f ->
                          f.entityType().equals(task.entityType())
                              && (f.direction() == null || f.direction() == task.direction()));
    }
    Predicate<SyncJobTask> tasks = keep;
    JobPlan plan =
        plan(
            old.connectionId(),
            connection ->
                (old.jobType() == JobType.SINGLE_RECORD
                        ? singleRetryPlan(connection, old, failedOnly)
                        : bulkPlan(
                            connection, old.jobType(), old.direction(), old, failedOnly, tasks))
                    .by(triggeredBy));
    SyncJob job = create(plan);
    LOG.infof(
        "ERP sync job %d retries job %d%s", job.id(), jobId, failedOnly ? " (failed records)" : "");
    return job;
  }

  public SyncJob job(long jobId) {
    return repository.find(jobId).orElseThrow(() -> unknownJob(jobId));
  }

  /** The job and one page of its error logs, in the order they were logged. */
  public JobDetail detail(long jobId, int errorsPage, int errorsSize) {
    SyncJob job = job(jobId);
    return new JobDetail(job, repository.errorLogs(jobId, errorsPage, errorsSize));
  }

  /**
   * The connection's jobs, newest first. The jobs of a deleted connection stay readable; a
   * connection that neither exists nor ever had a job is a 404.
   */
  public Page<SyncJob> jobsOf(long connectionId, int page, int size) {
    if (connections.find(connectionId).isEmpty()) {
      Page<SyncJob> history = repository.jobsOf(connectionId, page, size);
      if (history.total() > 0) {
        return history;
      }
      requireConnection(connectionId);
    }
    return repository.jobsOf(connectionId, page, size);
  }

  /** PENDING and RUNNING jobs of every connection, newest first. */
  public Page<SyncJob> active(int page, int size) {
    return repository.active(page, size);
  }

  public SyncStatistics statistics(long connectionId) {
    ConnectionSnapshot connection = requireConnection(connectionId);
    return new SyncStatistics(
        connectionId,
        connection.name(),
        repository.lastCompleted(connectionId, JobType.FULL).orElse(null),
        repository.lastCompleted(connectionId, JobType.INCREMENTAL).orElse(null),
        repository.ledgerCountsOf(connectionId),
        repository.failuresWithin(connectionId, config.recentFailuresWindow()),
        repository.latestOf(connectionId).orElse(null));
  }

  /** What the jobs table and the schedule table say of a connection, known to Kafka or not. */
  public ScheduleFacts scheduleFacts(long connectionId) {
    return new ScheduleFacts(
        repository.lastCompleted(connectionId, JobType.FULL).orElse(null),
        repository.lastCompleted(connectionId, JobType.INCREMENTAL).orElse(null),
        repository.nextScheduledRun(connectionId).orElse(null),
        repository.activeJobIdsOf(connectionId));
  }

  /**
   * Nothing keeps running against a deleted connection: its active jobs are cancelled under its
   * lock, so a job created at the same moment is either refused or cancelled here.
   */
  void cancelJobsOfDeletedConnection(@Observes ConnectionDeleted deletion) {
    long connectionId = deletion.connectionId();
    List<Long> cancelled =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  repository.lockConnection(connectionId);
                  return repository.cancelActiveOf(connectionId, CONNECTION_DELETED);
                });
    if (!cancelled.isEmpty()) {
      LOG.infof(
          "ERP connection %d was deleted: its sync job(s) %s cancelled", connectionId, cancelled);
    }
  }

  /**
   * Plans a job; a refusal that rests on what the directories say is decided again once they have
   * read everything on their topics, since a change made a moment ago may still be on its way.
   */
  private JobPlan plan(long connectionId, Function<ConnectionSnapshot, JobPlan> planner) {
    ConnectionSnapshot connection = requireConnection(connectionId);
    try {
      return planner.apply(connection);
    } catch (JobConflictException | InvalidRequestException refused) {
      connections.awaitCaughtUp(directories.catchUpWait());
      mappings.awaitCaughtUp(directories.catchUpWait());
      return planner.apply(
          connections.find(connectionId).orElseThrow(() -> unknownConnection(connectionId)));
    }
  }

  private SyncJob create(JobPlan plan) {
    SyncJob job;
    try {
      job =
          QuarkusTransaction.requiringNew()
              .call(
                  () -> {
                    repository.lockConnection(plan.connectionId());
                    if (connections.find(plan.connectionId()).isEmpty()) {
                      throw unknownConnection(plan.connectionId()); // deleted meanwhile
                    }
                    if (SyncJob.isBulk(plan.jobType())) {
                      Optional<Long> running = repository.activeBulkJobOf(plan.connectionId());
                      if (running.isPresent()) {
                        throw jobRunning(plan.connectionId(), running.get());
                      }
                    }
                    SyncJob inserted = repository.insertRunning(plan.newJob());
                    repository.insertTasks(inserted.id(), plan.tasks());
                    created.fire(new JobCreated(inserted.id()));
                    return inserted;
                  });
    } catch (BulkJobRunningException raced) {
      // another replica's job committed between the check and the insert
      throw jobRunning(
          plan.connectionId(), repository.activeBulkJobOf(plan.connectionId()).orElse(null));
    }
    LOG.infof(
        "ERP sync job %d started on connection %d (%s) by %s: %s %s%s, %d task(s)",
        job.id(),
        job.connectionId(),
        job.connectionName(),
        job.triggeredBy(),
        job.jobType(),
        job.direction(),
        job.recordId() == null ? "" : " of " + job.entityType() + " " + job.recordId(),
        plan.tasks().size());
    return job;
  }

  private JobPlan.Builder bulkPlan(
      ConnectionSnapshot connection,
      JobType type,
      SyncDirection direction,
      SyncJob retried,
      boolean failedOnly,
      Predicate<SyncJobTask> keep) {
    refuseIfNotSyncing(connection);
    List<SyncJobTask> tasks = tasks(connection.id(), direction).stream().filter(keep).toList();
    if (tasks.isEmpty()) {
      throw new JobConflictException(
          Reason.NO_ENABLED_MAPPING,
          "Connection "
              + connection.id()
              + " has no enabled mapping that syncs "
              + describe(direction)
              + (failedOnly ? " the entities of the failed records" : "")
              + ": create or enable one (POST /api/admin/erp/connections/"
              + connection.id()
              + "/mappings)");
    }
    return new JobPlan.Builder(
        connection,
        type,
        direction,
        null,
        null,
        retried == null ? null : retried.id(),
        failedOnly,
        tasks);
  }

  private JobPlan.Builder singlePlan(
      ConnectionSnapshot connection, String entityType, String recordId, String direction) {
    List<Violation> violations = new ArrayList<>();
    MappingSnapshot mapping = null;
    if (isBlank(entityType)) {
      violations.add(new Violation("entityType", "is required: one of " + SYNCABLE));
    } else {
      EntityType entity = entityOf(entityType.trim());
      if (entity == null) {
        violations.add(new Violation("entityType", "is not a syncable entity: one of " + SYNCABLE));
      } else {
        Optional<MappingSnapshot> found = mappingOf(connection.id(), entity);
        if (found.isEmpty()) {
          violations.add(
              new Violation(
                  "entityType",
                  entity + " has no mapping on connection " + connection.id() + ": create one"));
        } else if (!found.get().syncEnabled()) {
          violations.add(
              new Violation(
                  "entityType",
                  "the mapping of "
                      + entity
                      + " on connection "
                      + connection.id()
                      + " (mapping "
                      + found.get().id()
                      + ") is disabled"));
        } else {
          mapping = found.get();
        }
      }
    }
    SyncDirection chosen = null;
    SyncDirection connectionDirection = directionOf(connection);
    if (!isBlank(direction)) {
      String wanted = direction.trim().toUpperCase(Locale.ROOT);
      if (!wanted.equals("INBOUND") && !wanted.equals("OUTBOUND")) {
        violations.add(
            new Violation(
                "direction", "must be INBOUND or OUTBOUND: a single record syncs one way"));
      } else {
        chosen = SyncDirection.valueOf(wanted);
        if (!allows(connectionDirection, chosen)) {
          violations.add(
              new Violation(
                  "direction",
                  "connection " + connection.id() + " syncs " + connectionDirection + " only"));
          chosen = null;
        } else if (mapping != null && !allows(directionOf(mapping), chosen)) {
          violations.add(
              new Violation(
                  "direction",
                  "mapping "
                      + mapping.id()
                      + " of "
                      + mapping.tgmEntityType()
                      + " syncs "
                      + directionOf(mapping)
                      + " only"));
          chosen = null;
        }
      }
    } else if (mapping != null) {
      chosen = defaultDirection(connectionDirection, directionOf(mapping));
      if (chosen == null) {
        violations.add(
            new Violation(
                "direction",
                "connection "
                    + connection.id()
                    + " syncs "
                    + connectionDirection
                    + " only and mapping "
                    + mapping.id()
                    + " "
                    + directionOf(mapping)
                    + " only: no record can sync"));
      }
    }
    if (isBlank(recordId)) {
      violations.add(
          new Violation(
              "recordId",
              "is required: the TGM id (OUTBOUND) or the ERP key (INBOUND) of the record"));
    } else if (recordId.length() > MAX_RECORD_ID_LENGTH) {
      violations.add(
          new Violation("recordId", "is longer than " + MAX_RECORD_ID_LENGTH + " characters"));
    } else if (chosen == SyncDirection.OUTBOUND && !isTgmId(recordId.trim())) {
      violations.add(
          new Violation(
              "recordId",
              "must be a TGM record id (a positive whole number) for an OUTBOUND sync"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    refuseIfNotSyncing(connection);
    return singleBuilder(connection, mapping, chosen, recordId.trim(), null, false);
  }

  /** A single-record retry: its mapping must still be enabled and sync the old job's way. */
  private JobPlan.Builder singleRetryPlan(
      ConnectionSnapshot connection, SyncJob old, boolean failedOnly) {
    refuseIfNotSyncing(connection);
    EntityType entity = entityOf(old.entityType());
    Optional<MappingSnapshot> mapping =
        entity == null ? Optional.empty() : mappingOf(connection.id(), entity);
    if (mapping.isEmpty()
        || !mapping.get().syncEnabled()
        || !allows(directionOf(mapping.get()), old.direction())
        || !allows(directionOf(connection), old.direction())) {
      throw new JobConflictException(
          Reason.NO_ENABLED_MAPPING,
          "Connection "
              + connection.id()
              + " has no enabled mapping of "
              + old.entityType()
              + " that syncs "
              + old.direction()
              + " any more");
    }
    return singleBuilder(
        connection, mapping.get(), old.direction(), old.recordId(), old.id(), failedOnly);
  }

  private static JobPlan.Builder singleBuilder(
      ConnectionSnapshot connection,
      MappingSnapshot mapping,
      SyncDirection direction,
      String recordId,
      Long retryOfJobId,
      boolean failedOnly) {
    SyncJobTask task =
        new SyncJobTask(
            mapping.id(),
            direction,
            mapping.version(),
            mapping.tgmEntityType().name(),
            mapping.erpEntityName());
    return new JobPlan.Builder(
        connection,
        JobType.SINGLE_RECORD,
        direction,
        mapping.tgmEntityType().name(),
        recordId,
        retryOfJobId,
        failedOnly,
        List.of(task));
  }

  /** One task per enabled mapping and per direction both the job and the mapping allow. */
  private List<SyncJobTask> tasks(long connectionId, SyncDirection jobDirection) {
    List<SyncJobTask> tasks = new ArrayList<>();
    for (MappingSnapshot mapping : mappings.mappingsOf(connectionId)) {
      if (!mapping.syncEnabled()) {
        continue;
      }
      for (SyncDirection way : List.of(SyncDirection.INBOUND, SyncDirection.OUTBOUND)) {
        if (allows(jobDirection, way) && allows(directionOf(mapping), way)) {
          tasks.add(
              new SyncJobTask(
                  mapping.id(),
                  way,
                  mapping.version(),
                  mapping.tgmEntityType().name(),
                  mapping.erpEntityName()));
        }
      }
    }
    return tasks;
  }

  private void refuseRetryOf(SyncJob old) {
    JobStatus status = old.status();
    if (old.isActive()) {
      throw new JobConflictException(
          Reason.NOT_RETRYABLE,
          "Sync job "
              + old.id()
              + " is "
              + status
              + ": cancel it first (POST /api/admin/erp/sync-jobs/"
              + old.id()
              + "/cancel) or wait for it to finish");
    }
    if (status == JobStatus.COMPLETED && old.errorCount() == 0) {
      throw new JobConflictException(
          Reason.NOT_RETRYABLE,
          "Sync job " + old.id() + " is COMPLETED without errors: there is nothing to retry");
    }
    if (old.jobType() == JobType.REALTIME) {
      throw new JobConflictException(
          Reason.NOT_RETRYABLE,
          "Sync job "
              + old.id()
              + " is a realtime sync: its changes arrive again on their own; start a full or"
              + " incremental sync instead");
    }
  }

  private static void refuseIfNotSyncing(ConnectionSnapshot connection) {
    if (!connection.enabled()) {
      throw new JobConflictException(
          Reason.CONNECTION_DISABLED,
          "Connection "
              + connection.id()
              + " ("
              + connection.name()
              + ") is disabled: enable it first (POST /api/admin/erp/connections/"
              + connection.id()
              + "/enable)");
    }
    if (!connection.syncEnabled()) {
      throw new JobConflictException(
          Reason.SYNC_DISABLED,
          "Sync is disabled on connection "
              + connection.id()
              + " ("
              + connection.name()
              + "): enable it first (POST /api/admin/erp/connections/"
              + connection.id()
              + "/schedule/enable)");
    }
  }

  private JobConflictException jobRunning(long connectionId, Long runningJobId) {
    if (runningJobId == null) {
      return new JobConflictException(
          Reason.JOB_RUNNING,
          "Connection "
              + connectionId
              + " started another full or incremental sync at the same moment");
    }
    String what =
        repository
            .find(runningJobId)
            .map(job -> " (" + job.jobType() + ", " + job.status() + ")")
            .orElse("");
    return new JobConflictException(
        Reason.JOB_RUNNING,
        "Connection "
            + connectionId
            + " already runs sync job "
            + runningJobId
            + what
            + ": wait for it to finish or cancel it (POST /api/admin/erp/sync-jobs/"
            + runningJobId
            + "/cancel)",
        runningJobId);
  }

  private RuntimeException notCancellable(long jobId) {
    SyncJob job = repository.find(jobId).orElseThrow(() -> unknownJob(jobId));
    return new JobConflictException(
        Reason.JOB_FINISHED,
        "Sync job "
            + jobId
            + " is "
            + job.status()
            + ": only a PENDING or RUNNING job can be cancelled");
  }

  private ConnectionSnapshot requireConnection(long connectionId) {
    return connections
        .awaitKnown(connectionId, directories.catchUpWait())
        .orElseThrow(() -> unknownConnection(connectionId));
  }

  private Optional<MappingSnapshot> mappingOf(long connectionId, EntityType entity) {
    return mappings.mappingsOf(connectionId).stream()
        .filter(m -> m.tgmEntityType() == entity)
        .findFirst();
  }

  private static SyncDirection defaultDirection(
      SyncDirection connection, SyncDirection mappingDirection) {
    for (SyncDirection way : List.of(SyncDirection.OUTBOUND, SyncDirection.INBOUND)) {
      if (allows(connection, way) && allows(mappingDirection, way)) {
        return way;
      }
    }
    return null;
  }

  private static boolean allows(SyncDirection allowed, SyncDirection way) {
    return switch (way) {
      case INBOUND -> allowed.allowsInbound();
      case OUTBOUND -> allowed.allowsOutbound();
      case BIDIRECTIONAL -> allowed == SyncDirection.BIDIRECTIONAL;
    };
  }

  private static SyncDirection directionOf(ConnectionSnapshot connection) {
    return connection.syncDirection() == null
        ? SyncDirection.BIDIRECTIONAL
        : connection.syncDirection();
  }

  private static SyncDirection directionOf(MappingSnapshot mapping) {
    return mapping.syncDirection() == null ? SyncDirection.BIDIRECTIONAL : mapping.syncDirection();
  }

  private static String describe(SyncDirection direction) {
    return direction == SyncDirection.BIDIRECTIONAL ? "INBOUND or OUTBOUND" : direction.name();
  }

  private static EntityType entityOf(String name) {
    try {
      return name == null ? null : EntityType.valueOf(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean isTgmId(String value) {
    try {
      return Long.parseLong(value) > 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean parseFlag(String parameter, String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new InvalidRequestException(parameter, "must be true or false");
    };
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static UnknownResourceException unknownConnection(long connectionId) {
    return new UnknownResourceException(
        "Connection "
            + connectionId
            + " does not exist: create it first (POST /api/admin/erp/connections)");
  }

  private static UnknownResourceException unknownJob(long jobId) {
    return new UnknownResourceException("Sync job " + jobId + " does not exist");
  }

  /** Everything a new job is made of, decided before its transaction. */
  private record JobPlan(NewJob newJob, List<SyncJobTask> tasks) {
    long connectionId() {
      return newJob.connectionId();
    }

    JobType jobType() {
      return newJob.jobType();
    }

    /** A plan still missing who asked for it. */
    record Builder(
        ConnectionSnapshot connection,
        JobType type,
        SyncDirection direction,
        String entityType,
        String recordId,
        Long retryOfJobId,
        boolean failedOnly,
        List<SyncJobTask> tasks) {

      JobPlan by(String triggeredBy) {
        return new JobPlan(
            new NewJob(
                connection.id(),
                Objects.requireNonNullElse(connection.name(), "Connection " + connection.id()),
                type,
                direction,
                entityType,
                recordId,
                retryOfJobId,
                failedOnly,
                triggeredBy),
            tasks);
      }
    }
  }
}
