package com.tgm.erpsync.orchestrator.sync;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Where incremental syncs start: per connection, mapping and direction, the source's own
 * modification time of the latest record a completed sync saw. It never moves backwards.
 */
@ApplicationScoped
public class WatermarkRepository {
  private final AgroalDataSource dataSource;

  public WatermarkRepository(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  public Optional<Instant> find(long connectionId, long mappingId, String direction) {
    String sql =
        "SELECT watermark FROM sync_watermark WHERE connection_id = ? AND mapping_id = ?"
            + " AND direction = ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, connectionId);
      select.setLong(2, mappingId);
      select.setString(3, direction);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.ofNullable(Sql.instant(row, "watermark")) : Optional.empty();
      }
    } catch (SQLException e) {
      throw Sql.failure("read a watermark of connection " + connectionId, e);
    }
  }

  /** Moves the watermark to {@code watermark} if that is later than where it is. */
  public void advance(
      long connectionId, long mappingId, String direction, Instant watermark, long jobId) {
    String sql =
        "INSERT INTO sync_watermark (connection_id, mapping_id, direction, watermark, job_id)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (connection_id, mapping_id, direction) DO UPDATE"
            + " SET watermark = EXCLUDED.watermark, job_id = EXCLUDED.job_id, updated_at = now()"
            + " WHERE sync_watermark.watermark < EXCLUDED.watermark";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement upsert = connection.prepareStatement(sql)) {
      upsert.setLong(1, connectionId);
      upsert.setLong(2, mappingId);
      upsert.setString(3, direction);
      Sql.setInstant(upsert, 4, watermark);
      upsert.setLong(5, jobId);
      upsert.executeUpdate();
    } catch (SQLException e) {
      throw Sql.failure("advance a watermark of connection " + connectionId, e);
    }
  }
}
