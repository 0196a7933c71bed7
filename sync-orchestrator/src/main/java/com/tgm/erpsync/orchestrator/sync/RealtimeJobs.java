package com.tgm.erpsync.orchestrator.sync;

import com.tgm.erpsync.contracts.JobType;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.contracts.snapshot.MappingSnapshot;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Realtime work is tracked as jobs of type REALTIME, one per connection per hour, so that the
 * dashboard and the statistics show it like any sync: each change handled counts in the job of the
 * hour it was handled in. A job's tasks (per mapping and direction) are RUNNING from their first
 * change; once the hour is over they take nothing more, and the job completes when its commands are
 * answered.
 */
@ApplicationScoped
public class RealtimeJobs {
  static final String TRIGGERED_BY = "realtime";

  private final AgroalDataSource dataSource;
  private final JobEvents events;

  public RealtimeJobs(AgroalDataSource dataSource, JobEvents events) {
    this.dataSource = dataSource;
    this.events = events;
  }

  /**
   * The connection's REALTIME job of the current hour, created if need be, locked by {@code work}.
   */
  SyncJob current(Work work, ConnectionSnapshot connection) {
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
    String insert =
        "INSERT INTO sync_job (connection_id, connection_name, job_type, direction, status,"
            + " triggered_by, started_at, last_progress_at, realtime_hour, total_records)"
            + " VALUES (?, ?, 'REALTIME', ?, 'RUNNING', ?, now(), now(), ?, 0)"
            + " ON CONFLICT (connection_id, realtime_hour) WHERE job_type = 'REALTIME'"
            + " AND status IN ('PENDING', 'RUNNING') DO NOTHING RETURNING id";
    String select =
        "SELECT id FROM sync_job WHERE connection_id = ? AND realtime_hour = ?"
            + " AND job_type = 'REALTIME' AND status IN ('PENDING', 'RUNNING')";
    try (Connection jdbc = dataSource.getConnection()) {
      Long created = null;
      try (PreparedStatement statement = jdbc.prepareStatement(insert)) {
        statement.setLong(1, connection.id());
        statement.setString(2, connection.name());
        SyncDirection direction =
            connection.syncDirection() == null
                ? SyncDirection.BIDIRECTIONAL
                : connection.syncDirection();
        statement.setString(3, direction.name());
        statement.setString(4, TRIGGERED_BY);
        Sql.setInstant(statement, 5, hour);
        try (ResultSet row = statement.executeQuery()) {
          if (row.next()) {
            created = row.getLong(1);
          }
        }
      }
      long id;
      if (created != null) {
        id = created;
      } else {
        try (PreparedStatement statement = jdbc.prepareStatement(select)) {
          statement.setLong(1, connection.id());
          Sql.setInstant(statement, 2, hour);
          try (ResultSet row = statement.executeQuery()) {
            if (!row.next()) {
              throw new IllegalStateException(
                  "the REALTIME job of connection " + connection.id() + " vanished; retried");
            }
            id = row.getLong(1);
          }
        }
      }
      SyncJob job =
          work.job(id)
              .filter(SyncJob::isRunning)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "the REALTIME job " + id + " ended meanwhile; retried"));
      if (created != null) {
        events.started(job);
        Log.infof(
            "ERP realtime sync of connection %d (%s): job %d counts the changes of the hour from"
                + " %s",
            connection.id(), connection.name(), id, hour);
      }
      return job;
    } catch (SQLException e) {
      throw Sql.failure("find the REALTIME job of connection " + connection.id(), e);
    }
  }

  /** The job's task for a mapping and direction, RUNNING from its first change. */
  SyncTask task(Work work, SyncJob job, MappingSnapshot mapping, String direction) {
    if (job.jobType != JobType.REALTIME) {
      throw new IllegalArgumentException("job " + job.id + " is no REALTIME job");
    }
    return work.task(job.id, mapping.id(), direction)
        .orElseGet(
            () -> {
              String sql =
                  "INSERT INTO sync_job_task (job_id, mapping_id, direction, mapping_version,"
                      + " entity_type, erp_entity_name, status) VALUES (?, ?, ?, ?, ?, ?,"
                      + " 'RUNNING') ON CONFLICT DO NOTHING";
              try (Connection jdbc = dataSource.getConnection();
                  PreparedStatement insert = jdbc.prepareStatement(sql)) {
                insert.setLong(1, job.id);
                insert.setLong(2, mapping.id());
                insert.setString(3, direction);
                insert.setLong(4, mapping.version());
                insert.setString(5, mapping.tgmEntityType().name());
                insert.setString(6, mapping.erpEntityName());
                insert.executeUpdate();
              } catch (SQLException e) {
                throw Sql.failure("add a realtime task to job " + job.id, e);
              }
              return work.task(job.id, mapping.id(), direction).orElseThrow();
            });
  }

  /** The hour is over: the job's tasks take nothing more and end once answered. */
  void close(Work work, SyncJob job) {
    for (SyncTask task : work.tasksOf(job.id)) {
      task.feedExhausted = true;
    }
  }
}
