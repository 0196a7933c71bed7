package com.tgm.erpsync.orchestrator.rest;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard's reads of sync_job that the jobs API has no use for: recent failures of every
 * connection and per-connection health. Windows are measured by the database's clock.
 */
@ApplicationScoped
class DashboardDataRepository {
  private final AgroalDataSource dataSource;

  public DashboardDataRepository(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * FAILED and STALE jobs that ended within {@code window}, newest first, at most {@code limit}.
   */
  List<FailedJobRow> recentlyFailed(Duration window, int limit) {
    String sql =
        "SELECT id, connection_id, connection_name, job_type, status, error_code, error_message,"
            + " error_count, completed_at FROM sync_job WHERE status IN ('FAILED', 'STALE')"
            + " AND completed_at >= now() - make_interval(secs => ?)"
            + " ORDER BY completed_at DESC, id DESC LIMIT ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setDouble(1, window.toMillis() / 1000.0);
      statement.setInt(2, limit);
      try (ResultSet rows = statement.executeQuery()) {
        List<FailedJobRow> read = new ArrayList<>();
        while (rows.next()) {
          read.add(
              new FailedJobRow(
                  rows.getLong(1),
                  rows.getLong(2),
                  rows.getString(3),
                  rows.getString(4),
                  rows.getString(5),
                  rows.getString(6),
                  rows.getString(7),
                  rows.getLong(8),
                  instant(rows, 9)));
        }
        return read;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the recently failed sync jobs", e);
    }
  }

  /** Per connection: its last successful bulk sync, last finished bulk status, recent errors. */
  List<ConnectionRow> connections(List<Long> connectionIds, Duration window) {
    String sql =
        "SELECT c.id,"
            + " (SELECT max(j.completed_at) FROM sync_job j WHERE j.connection_id = c.id"
            + "   AND j.status = 'COMPLETED' AND j.job_type IN ('FULL', 'INCREMENTAL')),"
            + " (SELECT j.status FROM sync_job j WHERE j.connection_id = c.id"
            + "   AND j.job_type IN ('FULL', 'INCREMENTAL')"
            + "   AND j.status IN ('COMPLETED', 'FAILED', 'STALE')"
            + "   ORDER BY j.completed_at DESC NULLS LAST, j.id DESC LIMIT 1),"
            + " (SELECT count(*) FILTER (WHERE j.status IN ('FAILED', 'STALE'))"
            + "   + coalesce(sum(j.error_count), 0) FROM sync_job j WHERE j.connection_id = c.id"
            + "   AND j.completed_at >= now() - make_interval(secs => ?))"
            + " FROM unnest(?::bigint[]) AS c(id) ORDER BY c.id";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setDouble(1, window.toMillis() / 1000.0);
      statement.setArray(2, connection.createArrayOf("bigint", connectionIds.toArray()));
      try (ResultSet rows = statement.executeQuery()) {
        List<ConnectionRow> read = new ArrayList<>();
        while (rows.next()) {
          read.add(
              new ConnectionRow(
                  rows.getLong(1), instant(rows, 2), rows.getString(3), rows.getLong(4)));
        }
        return read;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the sync health of the connections", e);
    }
  }

  private static Instant instant(ResultSet rows, int column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  record FailedJobRow(
      long id,
      long connectionId,
      String connectionName,
      String jobType,
      String status,
      String errorCode,
      String errorMessage,
      long errorCount,
      Instant completedAt) {}

  record ConnectionRow(
      long connectionId, Instant lastSuccessfulSync, String lastSyncStatus, long recentErrors) {}
}
