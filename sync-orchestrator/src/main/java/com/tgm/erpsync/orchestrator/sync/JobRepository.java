package com.tgm.erpsync.orchestrator.sync;

import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.JobStatus;
import com.tgm.erpsync.contracts.JobType;
import com.tgm.erpsync.contracts.SyncDirection;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Jobs and their tasks as the driver reads and writes them. Every change of a job or of its tasks
 * happens under the job's row lock, taken first: whoever holds it (a result batch, a driver pass, a
 * cancel) is alone with the job, so counters never lose an update and a task is never driven twice
 * at once.
 */
@ApplicationScoped
public class JobRepository {
  private static final String JOB_COLUMNS =
      "id, connection_id, connection_name, job_type, direction, status, entity_type, record_id,"
          + " retry_of_job_id, failed_records_only, started_at, created_at, total_records,"
          + " processed_records, success_count, error_count, skip_count, progress_event_records,"
          + " progress_event_at";

  private final AgroalDataSource dataSource;

  public JobRepository(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Locks the job's row until the transaction ends; waits for another holder. */
  public Optional<SyncJob> lock(long jobId) {
    return lockOne(jobId, "FOR UPDATE");
  }

  /** Locks the job's row unless another transaction holds it (then empty: it is being driven). */
  public Optional<SyncJob> tryLock(long jobId) {
    return lockOne(jobId, "FOR UPDATE SKIP LOCKED");
  }

  /** Locks every job named, in id order (the one order every transaction takes them in). */
  public Map<Long, SyncJob> lockAll(Collection<Long> jobIds) {
    Map<Long, SyncJob> jobs = new LinkedHashMap<>();
    if (jobIds.isEmpty()) {
      return jobs;
    }
    Long[] ids = new TreeSet<>(jobIds).toArray(Long[]::new);
    String sql =
        "SELECT " + JOB_COLUMNS + " FROM sync_job WHERE id = ANY (?) ORDER BY id FOR UPDATE";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setArray(1, connection.createArrayOf("bigint", ids));
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          SyncJob job = job(row);
          jobs.put(job.id, job);
        }
      }
      return jobs;
    } catch (SQLException e) {
      throw Sql.failure("lock jobs", e);
    }
  }

  private Optional<SyncJob> lockOne(long jobId, String lock) {
    String sql = "SELECT " + JOB_COLUMNS + " FROM sync_job WHERE id = ? " + lock;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, jobId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(job(row)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw Sql.failure("lock job " + jobId, e);
    }
  }

  /** Writes the job's counters, if they changed, in one UPDATE. */
  public void saveCounters(SyncJob job) {
    if (!job.dirty()) {
      return;
    }
    String sql =
        "UPDATE sync_job SET total_records = ?, processed_records = ?, success_count = ?,"
            + " error_count = ?, skip_count = ?, last_progress_at = now() WHERE id = ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(sql)) {
      Sql.setLong(update, 1, job.totalRecords);
      update.setLong(2, job.processed);
      update.setLong(3, job.success);
      update.setLong(4, job.errors);
      update.setLong(5, job.skipped);
      update.setLong(6, job.id);
      update.executeUpdate();
      job.clean();
    } catch (SQLException e) {
      throw Sql.failure("update the counters of job " + job.id, e);
    }
  }

  /**
   * Ends the job: COMPLETED, FAILED or CANCELLED, with the reason of a failure. A completed job's
   * total is what it processed, so its progress reads 100 exactly when it is done.
   */
  public void finish(SyncJob job, JobStatus status, String errorCode, String errorMessage) {
    saveCounters(job);
    String sql =
        "UPDATE sync_job SET status = ?, error_code = COALESCE(?, error_code),"
            + " error_message = COALESCE(?, error_message), completed_at = now(),"
            + " total_records = CASE WHEN ? THEN processed_records ELSE total_records END,"
            + " last_progress_at = now(), final_event_sent = true WHERE id = ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(sql)) {
      update.setString(1, status.name());
      update.setString(2, errorCode);
      update.setString(3, truncate(errorMessage, 2000));
      update.setBoolean(4, status == JobStatus.COMPLETED);
      update.setLong(5, job.id);
      update.executeUpdate();
      job.status = status;
      if (status == JobStatus.COMPLETED) {
        job.totalRecords = job.processed;
      }
    } catch (SQLException e) {
      throw Sql.failure("finish job " + job.id, e);
    }
  }

  public void markProgressEvent(long jobId, long processed) {
    update(
        "UPDATE sync_job SET progress_event_records = ?, progress_event_at = now() WHERE id = ?",
        processed,
        jobId);
  }

  public void markFinalEventSent(long jobId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE sync_job SET final_event_sent = true WHERE id = ?")) {
      update.setLong(1, jobId);
      update.executeUpdate();
    } catch (SQLException e) {
      throw Sql.failure("mark the final event of job " + jobId, e);
    }
  }

  /** The job's tasks (lock the job first), in mapping then direction order. */
  public List<SyncTask> tasks(long jobId) {
    String sql =
        "SELECT * FROM sync_job_task WHERE job_id = ? ORDER BY mapping_id, direction FOR UPDATE";
    List<SyncTask> tasks = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, jobId);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          tasks.add(task(row));
        }
      }
      return tasks;
    } catch (SQLException e) {
      throw Sql.failure("read the tasks of job " + jobId, e);
    }
  }

  /** One task of a job (lock the job first). */
  public Optional<SyncTask> task(long jobId, long mappingId, String direction) {
    String sql =
        "SELECT * FROM sync_job_task WHERE job_id = ? AND mapping_id = ? AND direction = ?"
            + " FOR UPDATE";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, jobId);
      select.setLong(2, mappingId);
      select.setString(3, direction);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(task(row)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw Sql.failure("read a task of job " + jobId, e);
    }
  }

  public void save(SyncTask task) {
    String sql =
        "UPDATE sync_job_task SET status = ?, mapping_version = ?, page_cursor = ?, pages_done = ?,"
            + " total_count = ?, modified_since = ?, high_watermark = ?, after_updated_at = ?,"
            + " after_tgm_id = ?, commands_issued = ?, commands_answered = ?, page_failures = ?,"
            + " retry_at = ?, min_failed_modified_at = ?, feed_exhausted = ?,"
            + " after_error_index = ?, error_code = ?, error_message = ?, updated_at = now()"
            + " WHERE job_id = ? AND mapping_id = ? AND direction = ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(sql)) {
      int i = 1;
      update.setString(i++, task.status);
      update.setLong(i++, task.mappingVersion);
      update.setString(i++, task.pageCursor);
      update.setInt(i++, task.pagesDone);
      Sql.setLong(update, i++, task.totalCount);
      Sql.setInstant(update, i++, task.modifiedSince);
      Sql.setInstant(update, i++, task.highWatermark);
      Sql.setInstant(update, i++, task.afterUpdatedAt);
      Sql.setLong(update, i++, task.afterTgmId);
      update.setLong(i++, task.commandsIssued);
      update.setLong(i++, task.commandsAnswered);
      update.setInt(i++, task.pageFailures);
      Sql.setInstant(update, i++, task.retryAt);
      Sql.setInstant(update, i++, task.minFailedModifiedAt);
      update.setBoolean(i++, task.feedExhausted);
      Sql.setLong(update, i++, task.afterErrorIndex);
      update.setString(i++, task.errorCode);
      update.setString(i++, truncate(task.errorMessage, 2000));
      update.setLong(i++, task.jobId);
      update.setLong(i++, task.mappingId);
      update.setString(i, task.direction);
      update.executeUpdate();
    } catch (SQLException e) {
      throw Sql.failure("save " + task.describe(), e);
    }
  }

  // ------------------------------------------------------------------ what a driver pass looks for

  /** RUNNING jobs with tasks not started yet, oldest first. */
  public List<Long> jobsWithPendingTasks(int limit) {
    return ids(
        "SELECT DISTINCT t.job_id FROM sync_job_task t JOIN sync_job j ON j.id = t.job_id"
            + " WHERE t.status = 'PENDING' AND j.status = 'RUNNING' ORDER BY t.job_id LIMIT ?",
        limit);
  }

  /** Jobs with an inbound page whose retry is due. */
  public List<Long> jobsWithDueRetries(int limit) {
    return ids(
        "SELECT DISTINCT t.job_id FROM sync_job_task t JOIN sync_job j ON j.id = t.job_id"
            + " WHERE t.retry_at <= now() AND t.status = 'RUNNING' AND j.status = 'RUNNING'"
            + " ORDER BY t.job_id LIMIT ?",
        limit);
  }

  /** Running tasks that send record commands and have records left to read. */
  public List<TaskRef> feedableTasks(int limit) {
    String sql =
        "SELECT t.job_id, t.mapping_id, t.direction FROM sync_job_task t JOIN sync_job j ON j.id ="
            + " t.job_id WHERE t.status = 'RUNNING' AND NOT t.feed_exhausted AND j.status ="
            + " 'RUNNING' AND j.job_type <> 'REALTIME' AND (t.direction = 'OUTBOUND' OR"
            + " (j.failed_records_only AND j.retry_of_job_id IS NOT NULL AND j.job_type <>"
            + " 'SINGLE_RECORD')) ORDER BY t.job_id, t.mapping_id, t.direction LIMIT ?";
    List<TaskRef> refs = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setInt(1, limit);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          refs.add(new TaskRef(row.getLong(1), row.getLong(2), row.getString(3)));
        }
      }
      return refs;
    } catch (SQLException e) {
      throw Sql.failure("find tasks to feed", e);
    }
  }

  /** RUNNING jobs none of whose tasks is open: they only wait for their completion check. */
  public List<Long> runningJobsWithoutOpenTasks(int limit) {
    return ids(
        "SELECT j.id FROM sync_job j WHERE j.status = 'RUNNING' AND NOT EXISTS (SELECT 1 FROM"
            + " sync_job_task t WHERE t.job_id = j.id AND t.status IN ('PENDING', 'RUNNING'))"
            + " ORDER BY j.id LIMIT ?",
        limit);
  }

  /** RUNNING jobs whose tasks are all fed and answered but not marked DONE yet. */
  public List<Long> runningJobsWithAnsweredTasks(int limit) {
    return ids(
        "SELECT DISTINCT t.job_id FROM sync_job_task t JOIN sync_job j ON j.id = t.job_id"
            + " WHERE j.status = 'RUNNING' AND t.status = 'RUNNING' AND t.feed_exhausted"
            + " AND t.commands_answered >= t.commands_issued ORDER BY t.job_id LIMIT ?",
        limit);
  }

  /** RUNNING REALTIME jobs whose hour is over and whose tasks still take changes. */
  public List<Long> realtimeJobsPastTheirHour(int limit) {
    return ids(
        "SELECT j.id FROM sync_job j WHERE j.job_type = 'REALTIME' AND j.status = 'RUNNING'"
            + " AND j.realtime_hour < date_trunc('hour', now())"
            + " AND (EXISTS (SELECT 1 FROM sync_job_task t WHERE t.job_id = j.id"
            + " AND NOT t.feed_exhausted) OR NOT EXISTS (SELECT 1 FROM sync_job_task t"
            + " WHERE t.job_id = j.id)) ORDER BY j.id LIMIT ?",
        limit);
  }

  /** Jobs cancelled or reaped elsewhere whose final event is not out yet. */
  public List<Long> finalEventsDue(int limit) {
    return ids(
        "SELECT id FROM sync_job WHERE status IN ('CANCELLED', 'STALE') AND NOT final_event_sent"
            + " ORDER BY id LIMIT ?",
        limit);
  }

  /**
   * RUNNING jobs with records processed since their last progress event, older than {@code age}.
   */
  public List<Long> progressDue(Duration age, int limit) {
    String sql =
        "SELECT id FROM sync_job WHERE status = 'RUNNING'"
            + " AND processed_records > progress_event_records"
            + " AND COALESCE(progress_event_at, started_at, created_at) < now() - ?::interval"
            + " ORDER BY id LIMIT ?";
    List<Long> ids = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, age.toMillis() + " milliseconds");
      select.setInt(2, limit);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          ids.add(row.getLong(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw Sql.failure("find jobs due a progress event", e);
    }
  }

  /** A task by its key. */
  public record TaskRef(long jobId, long mappingId, String direction) {}

  // ------------------------------------------------------------------------------------ helpers

  private List<Long> ids(String sql, int limit) {
    List<Long> ids = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setInt(1, limit);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          ids.add(row.getLong(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw Sql.failure("find jobs", e);
    }
  }

  private void update(String sql, long first, long second) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(sql)) {
      update.setLong(1, first);
      update.setLong(2, second);
      update.executeUpdate();
    } catch (SQLException e) {
      throw Sql.failure("update a job", e);
    }
  }

  private static SyncJob job(ResultSet row) throws SQLException {
    String entity = row.getString("entity_type");
    return new SyncJob(
        row.getLong("id"),
        row.getLong("connection_id"),
        row.getString("connection_name"),
        JobType.valueOf(row.getString("job_type")),
        SyncDirection.valueOf(row.getString("direction")),
        JobStatus.valueOf(row.getString("status")),
        entity == null ? null : EntityType.valueOf(entity),
        row.getString("record_id"),
        Sql.nullableLong(row, "retry_of_job_id"),
        row.getBoolean("failed_records_only"),
        Sql.instant(row, "started_at"),
        Sql.instant(row, "created_at"),
        Sql.nullableLong(row, "total_records"),
        row.getLong("processed_records"),
        row.getLong("success_count"),
        row.getLong("error_count"),
        row.getLong("skip_count"),
        row.getLong("progress_event_records"),
        Sql.instant(row, "progress_event_at"));
  }

  private static SyncTask task(ResultSet row) throws SQLException {
    SyncTask task =
        new SyncTask(
            row.getLong("job_id"),
            row.getLong("mapping_id"),
            row.getString("direction"),
            row.getLong("mapping_version"),
            EntityType.valueOf(row.getString("entity_type")),
            row.getString("erp_entity_name"));
    task.status = row.getString("status");
    task.pageCursor = row.getString("page_cursor");
    task.pagesDone = row.getInt("pages_done");
    task.totalCount = Sql.nullableLong(row, "total_count");
    task.modifiedSince = Sql.instant(row, "modified_since");
    task.highWatermark = Sql.instant(row, "high_watermark");
    task.afterUpdatedAt = Sql.instant(row, "after_updated_at");
    task.afterTgmId = Sql.nullableLong(row, "after_tgm_id");
    task.commandsIssued = row.getLong("commands_issued");
    task.commandsAnswered = row.getLong("commands_answered");
    task.pageFailures = row.getInt("page_failures");
    task.retryAt = Sql.instant(row, "retry_at");
    task.minFailedModifiedAt = Sql.instant(row, "min_failed_modified_at");
    task.feedExhausted = row.getBoolean("feed_exhausted");
    task.afterErrorIndex = Sql.nullableLong(row, "after_error_index");
    task.errorCode = row.getString("error_code");
    task.errorMessage = row.getString("error_message");
    return task;
  }

  static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
