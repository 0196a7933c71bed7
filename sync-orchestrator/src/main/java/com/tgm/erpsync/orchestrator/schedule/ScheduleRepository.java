package com.tgm.erpsync.orchestrator.schedule;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * sync_schedule in the orchestrator's schema, plain JDBC: inside a transaction the statements join
 * it. Times come from the database's clock, the one every replica shares.
 */
@ApplicationScoped
public class ScheduleRepository {
  private static final String COLUMNS =
      "connection_id, interval_minutes, next_run_at, last_fired_at, last_job_id,"
          + " connection_version";

  private final AgroalDataSource dataSource;

  public ScheduleRepository(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Every row, by connection; one per scheduled connection, so the list stays small. */
  public List<ScheduleRow> all() {
    return query(
        "SELECT " + COLUMNS + " FROM sync_schedule ORDER BY connection_id",
        statement -> {},
        ScheduleRepository::rows);
  }

  public Optional<ScheduleRow> find(long connectionId) {
    List<ScheduleRow> rows =
        query(
            "SELECT " + COLUMNS + " FROM sync_schedule WHERE connection_id = ?",
            statement -> statement.setLong(1, connectionId),
            ScheduleRepository::rows);
    return rows.stream().findFirst();
  }

  /**
   * Plans the connection's schedule from a snapshot of it: a new row is first due one interval from
   * now; a changed interval re-plans the next run from the last planned one (never into the past);
   * an unchanged interval keeps it. A row planned from a newer snapshot is left as it is.
   *
   * @return whether the row was written (false: another replica planned this version or a newer)
   */
  public boolean plan(long connectionId, int intervalMinutes, long connectionVersion) {
    return update(
            "INSERT INTO sync_schedule (connection_id, interval_minutes, next_run_at,"
                + " connection_version) VALUES (?, ?, now() + make_interval(mins => ?), ?) ON"
                + " CONFLICT (connection_id) DO UPDATE SET next_run_at = CASE WHEN"
                + " sync_schedule.interval_minutes = EXCLUDED.interval_minutes THEN"
                + " sync_schedule.next_run_at ELSE GREATEST(now(), sync_schedule.next_run_at -"
                + " make_interval(mins => sync_schedule.interval_minutes) + make_interval(mins =>"
                + " EXCLUDED.interval_minutes)) END, interval_minutes = EXCLUDED.interval_minutes,"
                + " connection_version = EXCLUDED.connection_version WHERE"
                + " sync_schedule.connection_version < EXCLUDED.connection_version",
            statement -> {
              statement.setLong(1, connectionId);
              statement.setInt(2, intervalMinutes);
              statement.setInt(3, intervalMinutes);
              statement.setLong(4, connectionVersion);
            })
        > 0;
  }

  /**
   * Removes the connection's row unless it was planned from a snapshot newer than {@code
   * knownVersion} (null: the connection is gone, the row goes whatever its version).
   */
  public boolean remove(long connectionId, Long knownVersion) {
    return update(
            "DELETE FROM sync_schedule WHERE connection_id = ?"
                + " AND (?::bigint IS NULL OR connection_version <= ?::bigint)",
            statement -> {
              statement.setLong(1, connectionId);
              statement.setObject(2, knownVersion);
              statement.setObject(3, knownVersion);
            })
        > 0;
  }

  /**
   * Takes the row due soonest that no other replica holds, locked until the transaction ends, and
   * moves its next run on by whole intervals from the planned time to the first one after now:
   * missed ticks are skipped, never run one after another. Call inside a transaction.
   *
   * @return the row as it was planned (its {@code nextRunAt} the run now taken) and the next run
   */
  public Optional<Taken> takeNextDue() {
    Optional<ScheduleRow> due =
        query(
                "SELECT "
                    + COLUMNS
                    + " FROM sync_schedule WHERE next_run_at <= now() ORDER BY next_run_at"
                    + " LIMIT 1 FOR UPDATE SKIP LOCKED",
                statement -> {},
                ScheduleRepository::rows)
            .stream()
            .findFirst();
    if (due.isEmpty()) {
      return Optional.empty();
    }
    Instant next =
        query(
            "UPDATE sync_schedule SET next_run_at = next_run_at + make_interval(mins =>"
                + " interval_minutes * (floor(extract(epoch FROM now() - next_run_at)"
                + " / (interval_minutes * 60))::int + 1)) WHERE connection_id = ?"
                + " RETURNING next_run_at",
            statement -> statement.setLong(1, due.get().connectionId()),
            rows -> {
              rows.next();
              return instant(rows, 1);
            });
    return Optional.of(new Taken(due.get(), next));
  }

  /** Notes the job a taken run started. Call inside the transaction that took it. */
  public void fired(long connectionId, long jobId) {
    update(
        "UPDATE sync_schedule SET last_fired_at = now(), last_job_id = ? WHERE connection_id = ?",
        statement -> {
          statement.setLong(1, jobId);
          statement.setLong(2, connectionId);
        });
  }

  /** The scheduled syncs due soonest, at most {@code limit}. */
  public List<ScheduleRow> upcoming(int limit) {
    return query(
        "SELECT " + COLUMNS + " FROM sync_schedule ORDER BY next_run_at, connection_id LIMIT ?",
        statement -> statement.setInt(1, limit),
        ScheduleRepository::rows);
  }

  private int update(String sql, Binder binder) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new ScheduleStoreException(sql, e);
    }
  }

  private <T> T query(String sql, Binder binder, Reader<T> reader) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      try (ResultSet rows = statement.executeQuery()) {
        return reader.read(rows);
      }
    } catch (SQLException e) {
      throw new ScheduleStoreException(sql, e);
    }
  }

  private static List<ScheduleRow> rows(ResultSet rows) throws SQLException {
    List<ScheduleRow> read = new ArrayList<>();
    while (rows.next()) {
      read.add(
          new ScheduleRow(
              rows.getLong("connection_id"),
              rows.getInt("interval_minutes"),
              instant(rows, "next_run_at"),
              instant(rows, "last_fired_at"),
              rows.getObject("last_job_id", Long.class),
              rows.getLong("connection_version")));
    }
    return read;
  }

  private static Instant instant(ResultSet rows, String column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static Instant instant(ResultSet rows, int column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** A due run taken by this replica: the row as planned, and when the next run now is. */
  public record Taken(ScheduleRow row, Instant nextRunAt) {}

  /** A statement on sync_schedule failed; the message names the statement, never values. */
  public static class ScheduleStoreException extends RuntimeException {
    ScheduleStoreException(String sql, SQLException cause) {
      super(
          "schedule statement failed: " + (sql.length() <= 60 ? sql : sql.substring(0, 60)), cause);
    }
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  @FunctionalInterface
  private interface Reader<T> {
    T read(ResultSet rows) throws SQLException;
  }
}
