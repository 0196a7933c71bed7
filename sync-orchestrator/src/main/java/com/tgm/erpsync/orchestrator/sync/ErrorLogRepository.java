package com.tgm.erpsync.orchestrator.sync;

import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.ErrorCode;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The job error logs (the guide's errorLogs): one row per failed record, read back in pages. */
@ApplicationScoped
public class ErrorLogRepository {
  private final AgroalDataSource dataSource;

  public ErrorLogRepository(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** One failed record of a job. */
  public record Entry(
      long recordIndex,
      EntityType entity,
      Long mappingId,
      String direction,
      Long tgmRecordId,
      String erpKey,
      ErrorCode errorCode,
      String message,
      boolean retryable) {}

  /**
   * Adds a failed record; {@code erpKey} is canonical, shown as its display form. A second entry
   * with the same index (a replayed decision) is ignored.
   */
  public void add(long jobId, Entry entry) {
    String sql =
        "INSERT INTO sync_error_log (job_id, record_index, entity_type, mapping_id, direction,"
            + " tgm_record_id, erp_record_id, erp_key, error_code, error_message, retryable) VALUES"
            + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (job_id, record_index) DO NOTHING";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(sql)) {
      int i = 1;
      insert.setLong(i++, jobId);
      insert.setLong(i++, entry.recordIndex());
      insert.setString(i++, entry.entity().name());
      Sql.setLong(insert, i++, entry.mappingId());
      insert.setString(i++, entry.direction());
      Sql.setLong(insert, i++, entry.tgmRecordId());
      insert.setString(i++, JobRepository.truncate(ErpKeys.display(entry.erpKey()), 1000));
      insert.setString(i++, JobRepository.truncate(entry.erpKey(), 1000));
      insert.setString(i++, entry.errorCode().name());
      String message =
          entry.message() == null || entry.message().isBlank()
              ? entry.errorCode().name()
              : entry.message();
      insert.setString(i++, JobRepository.truncate(message, 4000));
      insert.setBoolean(i, entry.retryable());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw Sql.failure("log a failed record of job " + jobId, e);
    }
  }

  /** How many entries a job's error log has for one mapping and direction. */
  public long count(long jobId, long mappingId, String direction) {
    String sql =
        "SELECT count(*) FROM sync_error_log WHERE job_id = ? AND mapping_id = ? AND direction = ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, jobId);
      select.setLong(2, mappingId);
      select.setString(3, direction);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    } catch (SQLException e) {
      throw Sql.failure("count the error log of job " + jobId, e);
    }
  }

  /** The next entries of a job's error log for one mapping and direction, after an index. */
  public List<Entry> page(
      long jobId, long mappingId, String direction, Long afterIndex, int limit) {
    String sql =
        "SELECT record_index, entity_type, mapping_id, direction, tgm_record_id, erp_key,"
            + " error_code, error_message, retryable FROM sync_error_log WHERE job_id = ?"
            + " AND mapping_id = ? AND direction = ? AND record_index > ?"
            + " ORDER BY record_index LIMIT ?";
    List<Entry> entries = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, jobId);
      select.setLong(2, mappingId);
      select.setString(3, direction);
      select.setLong(4, afterIndex == null ? -1 : afterIndex);
      select.setInt(5, limit);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          entries.add(
              new Entry(
                  row.getLong("record_index"),
                  EntityType.valueOf(row.getString("entity_type")),
                  Sql.nullableLong(row, "mapping_id"),
                  row.getString("direction"),
                  Sql.nullableLong(row, "tgm_record_id"),
                  row.getString("erp_key"),
                  ErrorCode.valueOf(row.getString("error_code")),
                  row.getString("error_message"),
                  row.getBoolean("retryable")));
        }
      }
      return entries;
    } catch (SQLException e) {
      throw Sql.failure("read the error log of job " + jobId, e);
    }
  }
}
