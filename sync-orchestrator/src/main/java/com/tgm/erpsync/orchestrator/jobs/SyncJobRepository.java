package com.tgm.erpsync.orchestrator.jobs;

import com.tgm.erpsync.contracts.JobStatus;
import com.tgm.erpsync.contracts.JobType;
import com.tgm.erpsync.contracts.SyncDirection;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sync jobs, their tasks and error logs in the orchestrator's schema. Plain JDBC on the service's
 * data source: inside a transaction the statements join it. Lists are read a page at a time.
 */
@ApplicationScoped
public class SyncJobRepository {
  /** The unique index that lets a connection run one FULL or INCREMENTAL job at a time. */
  static final String ONE_BULK_PER_CONNECTION = "sync_job_one_bulk_per_connection";

  private static final String JOB_COLUMNS =
      "id, connection_id, connection_name, job_type, direction, status, entity_type, record_id,"
          + " retry_of_job_id, failed_records_only, triggered_by, total_records,"
          + " processed_records, success_count, error_count, skip_count, error_code,"
          + " error_message, created_at, started_at, completed_at, last_progress_at";
  private static final String ACTIVE = "status IN ('PENDING', 'RUNNING')";
  private static final String BULK = "job_type IN ('FULL', 'INCREMENTAL')";

  /** Advisory lock class of "a connection's jobs" ('SJOB'); the connection id is hashed in. */
  private static final int CONNECTION_LOCK_CLASS = 0x534a4f42;

  private final AgroalDataSource dataSource;

  public SyncJobRepository(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Serialises the creation of a connection's jobs with its deletion until the transaction ends.
   * Call inside a transaction.
   */
  public void lockConnection(long connectionId) {
    query(
        "SELECT pg_advisory_xact_lock(?, hashint8(?))",
        statement -> {
          statement.setInt(1, CONNECTION_LOCK_CLASS);
          statement.setLong(2, connectionId);
        },
        rows -> null);
  }

  public Optional<SyncJob> find(long jobId) {
    return query(
        "SELECT " + JOB_COLUMNS + " FROM sync_job WHERE id = ?",
        statement -> statement.setLong(1, jobId),
        rows -> rows.next() ? Optional.of(job(rows)) : Optional.empty());
  }

  /** The connection's PENDING or RUNNING FULL or INCREMENTAL job, if any. */
  public Optional<Long> activeBulkJobOf(long connectionId) {
    return query(
        "SELECT id FROM sync_job WHERE connection_id = ? AND " + BULK + " AND " + ACTIVE,
        statement -> statement.setLong(1, connectionId),
        rows -> rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty());
  }

  /**
   * Inserts a RUNNING job started now. Call inside a transaction.
   *
   * @throws BulkJobRunningException when the connection already runs a FULL or INCREMENTAL job
   */
  public SyncJob insertRunning(NewJob job) {
    String sql =
        "INSERT INTO sync_job (connection_id, connection_name, job_type, direction, status,"
            + " entity_type, record_id, retry_of_job_id, failed_records_only, triggered_by,"
            + " started_at, last_progress_at)"
            + " VALUES (?, ?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?, now(), now()) RETURNING "
            + JOB_COLUMNS;
    try {
      return query(
          sql,
          statement -> {
            statement.setLong(1, job.connectionId());
            statement.setString(2, job.connectionName());
            statement.setString(3, job.jobType().name());
            statement.setString(4, job.direction().name());
            statement.setString(5, job.entityType());
            statement.setString(6, job.recordId());
            if (job.retryOfJobId() == null) {
              statement.setNull(7, Types.BIGINT);
            } else {
              statement.setLong(7, job.retryOfJobId());
            }
            statement.setBoolean(8, job.failedRecordsOnly());
            statement.setString(9, job.triggeredBy());
          },
          rows -> {
            rows.next();
            return job(rows);
          });
    } catch (DatabaseException e) {
      if (e.getCause() instanceof SQLException cause
          && "23505".equals(cause.getSQLState())
          && String.valueOf(cause.getMessage()).contains(ONE_BULK_PER_CONNECTION)) {
        throw new BulkJobRunningException(job.connectionId());
      }
      throw e;
    }
  }

  /** Adds the job's tasks, each PENDING. Call inside the transaction that inserted the job. */
  public void insertTasks(long jobId, List<SyncJobTask> tasks) {
    String sql =
        "INSERT INTO sync_job_task (job_id, mapping_id, direction, mapping_version, entity_type,"
            + " erp_entity_name, status) VALUES (?, ?, ?, ?, ?, ?, 'PENDING')";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(sql)) {
      for (SyncJobTask task : tasks) {
        insert.setLong(1, jobId);
        insert.setLong(2, task.mappingId());
        insert.setString(3, task.direction().name());
        insert.setLong(4, task.mappingVersion());
        insert.setString(5, task.entityType());
        insert.setString(6, task.erpEntityName());
        insert.addBatch();
      }
      insert.executeBatch();
    } catch (SQLException e) {
      throw new DatabaseException("cannot insert the tasks of job " + jobId, e);
    }
  }

  /** The connection's jobs, newest first. */
  public Page<SyncJob> jobsOf(long connectionId, int page, int size) {
    long total =
        query(
            "SELECT count(*) FROM sync_job WHERE connection_id = ?",
            statement -> statement.setLong(1, connectionId),
            rows -> {
              rows.next();
              return rows.getLong(1);
            });
    List<SyncJob> jobs =
        query(
            "SELECT "
                + JOB_COLUMNS
                + " FROM sync_job WHERE connection_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
            statement -> {
              statement.setLong(1, connectionId);
              statement.setInt(2, size);
              statement.setLong(3, (long) page * size);
            },
            SyncJobRepository::jobs);
    return new Page<>(jobs, page, size, total);
  }

  /** Every PENDING or RUNNING job, newest first. */
  public Page<SyncJob> active(int page, int size) {
    long total =
        query(
            "SELECT count(*) FROM sync_job WHERE " + ACTIVE,
            statement -> {},
            rows -> {
              rows.next();
              return rows.getLong(1);
            });
    List<SyncJob> jobs =
        query(
            "SELECT "
                + JOB_COLUMNS
                + " FROM sync_job WHERE "
                + ACTIVE
                + " ORDER BY id DESC LIMIT ? OFFSET ?",
            statement -> {
              statement.setInt(1, size);
              statement.setLong(2, (long) page * size);
            },
            SyncJobRepository::jobs);
    return new Page<>(jobs, page, size, total);
  }

  /**
   * The ids of the connection's PENDING or RUNNING jobs, oldest first. The REALTIME job of the hour
   * is left out: it is the connection's change stream, not a sync someone started, and holds back
   * neither the schedule view's count nor a deletion (the tombstone cancels it).
   */
  public List<Long> activeJobIdsOf(long connectionId) {
    return query(
        "SELECT id FROM sync_job WHERE connection_id = ? AND "
            + ACTIVE
            + " AND job_type <> 'REALTIME' ORDER BY id",
        statement -> statement.setLong(1, connectionId),
        rows -> {
          List<Long> ids = new ArrayList<>();
          while (rows.next()) {
            ids.add(rows.getLong(1));
          }
          return ids;
        });
  }

  /** The job's failed records in the order they were logged. */
  public Page<SyncErrorLog> errorLogs(long jobId, int page, int size) {
    long total =
        query(
            "SELECT count(*) FROM sync_error_log WHERE job_id = ?",
            statement -> statement.setLong(1, jobId),
            rows -> {
              rows.next();
              return rows.getLong(1);
            });
    List<SyncErrorLog> logs =
        query(
            "SELECT record_index, entity_type, tgm_record_id, erp_record_id, error_code,"
                + " error_message, retryable FROM sync_error_log WHERE job_id = ?"
                + " ORDER BY record_index LIMIT ? OFFSET ?",
            statement -> {
              statement.setLong(1, jobId);
              statement.setInt(2, size);
              statement.setLong(3, (long) page * size);
            },
            rows -> {
              List<SyncErrorLog> read = new ArrayList<>();
              while (rows.next()) {
                read.add(
                    new SyncErrorLog(
                        rows.getLong(1),
                        rows.getString(2),
                        rows.getObject(3, Long.class),
                        rows.getString(4),
                        rows.getString(5),
                        rows.getString(6),
                        rows.getBoolean(7)));
              }
              return read;
            });
    return new Page<>(logs, page, size, total);
  }

  public boolean hasErrorLogs(long jobId) {
    return query(
        "SELECT EXISTS (SELECT 1 FROM sync_error_log WHERE job_id = ?)",
        statement -> statement.setLong(1, jobId),
        rows -> rows.next() && rows.getBoolean(1));
  }

  /**
   * The mapped entity types and directions a job logged failed records for; a null direction means
   * the log does not say.
   */
  public List<FailedEntity> failedEntitiesOf(long jobId) {
    return query(
        "SELECT DISTINCT entity_type, direction FROM sync_error_log WHERE job_id = ?",
        statement -> statement.setLong(1, jobId),
        rows -> {
          List<FailedEntity> failed = new ArrayList<>();
          while (rows.next()) {
            String direction = rows.getString(2);
            failed.add(
                new FailedEntity(
                    rows.getString(1),
                    direction == null ? null : SyncDirection.valueOf(direction)));
          }
          return failed;
        });
  }

  /**
   * Cancels the job if it is PENDING or RUNNING, with its unfinished tasks; empty when it was not
   * active (or does not exist). Call inside a transaction.
   */
  public Optional<SyncJob> cancel(long jobId, String message) {
    Optional<SyncJob> cancelled =
        query(
            "UPDATE sync_job SET status = 'CANCELLED', completed_at = now(), error_message = ?"
                + " WHERE id = ? AND "
                + ACTIVE
                + " RETURNING "
                + JOB_COLUMNS,
            statement -> {
              statement.setString(1, message);
              statement.setLong(2, jobId);
            },
            rows -> rows.next() ? Optional.of(job(rows)) : Optional.empty());
    cancelled.ifPresent(job -> cancelTasks(List.of(job.id())));
    return cancelled;
  }

  /** Cancels every PENDING or RUNNING job of the connection. Call inside a transaction. */
  public List<Long> cancelActiveOf(long connectionId, String message) {
    List<Long> ids =
        query(
            "UPDATE sync_job SET status = 'CANCELLED', completed_at = now(), error_message = ?"
                + " WHERE connection_id = ? AND "
                + ACTIVE
                + " RETURNING id",
            statement -> {
              statement.setString(1, message);
              statement.setLong(2, connectionId);
            },
            SyncJobRepository::ids);
    cancelTasks(ids);
    return ids;
  }

  /**
   * Marks STALE every active job whose last progress is older than {@code staleAfter} by the
   * database's clock, in one guarded statement: replicas running it at once mark each job once.
   */
  public List<SyncJob> markStale(Duration staleAfter, String message) {
    List<SyncJob> stale =
        query(
            "UPDATE sync_job SET status = 'STALE', completed_at = now(), error_message = ?"
                + " WHERE "
                + ACTIVE
                + " AND last_progress_at < now() - make_interval(secs => ?) RETURNING "
                + JOB_COLUMNS,
            statement -> {
              statement.setString(1, message);
              statement.setDouble(2, staleAfter.toMillis() / 1000.0);
            },
            SyncJobRepository::jobs);
    cancelTasks(stale.stream().map(SyncJob::id).toList());
    return stale;
  }

  public Optional<Instant> lastCompleted(long connectionId, JobType type) {
    return query(
        "SELECT completed_at FROM sync_job WHERE connection_id = ? AND job_type = ?"
            + " AND status = 'COMPLETED' ORDER BY completed_at DESC LIMIT 1",
        statement -> {
          statement.setLong(1, connectionId);
          statement.setString(2, type.name());
        },
        rows -> rows.next() ? Optional.ofNullable(instant(rows, 1)) : Optional.empty());
  }

  /** FAILED jobs of the connection that ended within {@code window} of the database's now. */
  public long failuresWithin(long connectionId, Duration window) {
    return query(
        "SELECT count(*) FROM sync_job WHERE connection_id = ? AND status = 'FAILED'"
            + " AND completed_at >= now() - make_interval(secs => ?)",
        statement -> {
          statement.setLong(1, connectionId);
          statement.setDouble(2, window.toMillis() / 1000.0);
        },
        rows -> {
          rows.next();
          return rows.getLong(1);
        });
  }

  /** The connection's newest job. */
  public Optional<SyncJob> latestOf(long connectionId) {
    return query(
        "SELECT " + JOB_COLUMNS + " FROM sync_job WHERE connection_id = ? ORDER BY id DESC LIMIT 1",
        statement -> statement.setLong(1, connectionId),
        rows -> rows.next() ? Optional.of(job(rows)) : Optional.empty());
  }

  /** Linked records (sync ledger rows) of the connection per entity type, by entity type. */
  public Map<String, Long> ledgerCountsOf(long connectionId) {
    return query(
        "SELECT entity_type, count(*) FROM sync_ledger WHERE connection_id = ?"
            + " GROUP BY entity_type ORDER BY entity_type",
        statement -> statement.setLong(1, connectionId),
        rows -> {
          Map<String, Long> counts = new LinkedHashMap<>();
          while (rows.next()) {
            counts.put(rows.getString(1), rows.getLong(2));
          }
          return counts;
        });
  }

  /** When the connection's next scheduled sync is due; empty when it has no schedule row. */
  public Optional<Instant> nextScheduledRun(long connectionId) {
    return query(
        "SELECT next_run_at FROM sync_schedule WHERE connection_id = ?",
        statement -> statement.setLong(1, connectionId),
        rows -> rows.next() ? Optional.ofNullable(instant(rows, 1)) : Optional.empty());
  }

  private void cancelTasks(List<Long> jobIds) {
    if (jobIds.isEmpty()) {
      return;
    }
    query(
        "UPDATE sync_job_task SET status = 'CANCELLED', updated_at = now()"
            + " WHERE job_id = ANY (?) AND status IN ('PENDING', 'RUNNING')",
        (connection, statement) ->
            statement.setArray(1, connection.createArrayOf("bigint", jobIds.toArray())),
        null);
  }

  private <T> T query(String sql, Binder binder, Reader<T> reader) {
    return query(sql, (connection, statement) -> binder.bind(statement), reader);
  }

  /** Runs one statement; a null reader means it returns no rows (an UPDATE). */
  private <T> T query(String sql, ConnectionBinder binder, Reader<T> reader) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(connection, statement);
      if (reader == null) {
        statement.executeUpdate();
        return null;
      }
      try (ResultSet rows = statement.executeQuery()) {
        return reader.read(rows);
      }
    } catch (SQLException e) {
      throw new DatabaseException("statement failed: " + firstWords(sql), e);
    }
  }

  private static List<SyncJob> jobs(ResultSet rows) throws SQLException {
    List<SyncJob> jobs = new ArrayList<>();
    while (rows.next()) {
      jobs.add(job(rows));
    }
    return jobs;
  }

  private static List<Long> ids(ResultSet rows) throws SQLException {
    List<Long> ids = new ArrayList<>();
    while (rows.next()) {
      ids.add(rows.getLong(1));
    }
    return ids;
  }

  private static SyncJob job(ResultSet rows) throws SQLException {
    return new SyncJob(
        rows.getLong("id"),
        rows.getLong("connection_id"),
        rows.getString("connection_name"),
        JobType.valueOf(rows.getString("job_type")),
        SyncDirection.valueOf(rows.getString("direction")),
        JobStatus.valueOf(rows.getString("status")),
        rows.getString("entity_type"),
        rows.getString("record_id"),
        rows.getObject("retry_of_job_id", Long.class),
        rows.getBoolean("failed_records_only"),
        rows.getString("triggered_by"),
        rows.getObject("total_records", Long.class),
        rows.getLong("processed_records"),
        rows.getLong("success_count"),
        rows.getLong("error_count"),
        rows.getLong("skip_count"),
        rows.getString("error_code"),
        rows.getString("error_message"),
        instant(rows, "created_at"),
        instant(rows, "started_at"),
        instant(rows, "completed_at"),
        instant(rows, "last_progress_at"));
  }

  private static Instant instant(ResultSet rows, String column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static Instant instant(ResultSet rows, int column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static String firstWords(String sql) {
    return sql.length() <= 60 ? sql : sql.substring(0, 60) + "…";
  }

  /** What a new job is made of. */
  public record NewJob(
      long connectionId,
      String connectionName,
      JobType jobType,
      SyncDirection direction,
      String entityType,
      String recordId,
      Long retryOfJobId,
      boolean failedRecordsOnly,
      String triggeredBy) {}

  /** An entity type (and direction, when known) a job logged failed records for. */
  public record FailedEntity(String entityType, SyncDirection direction) {}

  /** The connection already runs a FULL or INCREMENTAL job: the insert violated the index. */
  public static class BulkJobRunningException extends RuntimeException {
    public BulkJobRunningException(long connectionId) {
      super("connection " + connectionId + " already runs a full or incremental sync");
    }
  }

  /** A statement failed; the message names the statement, never the values. */
  public static class DatabaseException extends RuntimeException {
    DatabaseException(String message, SQLException cause) {
      super(message, cause);
    }
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  @FunctionalInterface
  private interface ConnectionBinder {
    void bind(Connection connection, PreparedStatement statement) throws SQLException;
  }

  @FunctionalInterface
  private interface Reader<T> {
    T read(ResultSet rows) throws SQLException;
  }
}
