package com.tgm.erpsync.orchestrator.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.contracts.EntityType;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Record commands sent to connectors (sync_command), by idempotency key: what is still unanswered
 * per connection (the back-pressure window), and the first answer of each, which is the only one
 * that counts.
 */
@ApplicationScoped
public class CommandRepository {
  static final String UPSERT = "UPSERT";
  static final String FETCH = "FETCH";
  static final String DELETE = "DELETE";

  private final AgroalDataSource dataSource;

  public CommandRepository(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A command about to be sent, as remembered until it is answered. */
  public record Issued(
      String idempotencyKey,
      String kind,
      long jobId,
      long mappingId,
      long connectionId,
      EntityType entity,
      Long tgmRecordId,
      ObjectNode tgmValues,
      String recordHash,
      Instant tgmUpdatedAt,
      String erpKey) {

    /** A {@code FetchRecord} of the task's job for one ERP record (canonical key). */
    static Issued fetch(SyncJob job, SyncTask task, String erpKey) {
      return new Issued(
          OutboundFeeder.fetchKey(job.id, task.mappingId, erpKey),
          FETCH,
          job.id,
          task.mappingId,
          job.connectionId,
          task.entityType,
          null,
          null,
          null,
          null,
          erpKey);
    }
  }

  /** The command an answer is for, marked answered by that answer. */
  public record Answered(
      String idempotencyKey,
      String kind,
      long jobId,
      long mappingId,
      EntityType entity,
      Long tgmRecordId,
      ObjectNode tgmValues,
      Instant tgmUpdatedAt,
      String erpKey,
      boolean again) {}

  /** Records a command; false when one with this key exists (a replayed decision: send nothing). */
  public boolean insert(Issued command) {
    return insert(command, " ON CONFLICT (idempotency_key) DO NOTHING");
  }

  /**
   * Records a command that may have been sent and answered before under the same key (a record
   * fetched again in the same realtime job): it is unanswered again.
   */
  public void rearm(Issued command) {
    insert(
        command,
        " ON CONFLICT (idempotency_key) DO UPDATE SET answered_at = NULL, issued_at = now(),"
            + " again = false");
  }

  /**
   * Coalesces a change of a TGM record into the write of it in flight, if there is one: once that
   * is answered the record is offered again from what TGM holds then. Returns whether there was.
   */
  public boolean coalesceWrite(long connectionId, EntityType entity, long tgmRecordId) {
    return flagAgain(
        "UPDATE sync_command SET again = true WHERE connection_id = ? AND entity_type = ?"
            + " AND tgm_record_id = ? AND answered_at IS NULL AND kind IN ('UPSERT', 'DELETE')",
        connectionId,
        entity.name(),
        tgmRecordId);
  }

  /** Coalesces a change of an ERP record into the fetch of it in flight, if there is one. */
  public boolean coalesceFetch(long connectionId, long mappingId, String erpKey) {
    return flagAgain(
        "UPDATE sync_command SET again = true WHERE connection_id = ? AND mapping_id = ?"
            + " AND erp_key = ? AND answered_at IS NULL AND kind = 'FETCH'",
        connectionId,
        mappingId,
        erpKey);
  }

  private boolean flagAgain(String sql, long connectionId, Object second, Object third) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(sql)) {
      update.setLong(1, connectionId);
      update.setObject(2, second);
      update.setObject(3, third);
      return update.executeUpdate() > 0;
    } catch (SQLException e) {
      throw Sql.failure("coalesce a change of connection " + connectionId, e);
    }
  }

  private boolean insert(Issued command, String onConflict) {
    String sql =
        "INSERT INTO sync_command (idempotency_key, kind, job_id, mapping_id, connection_id,"
            + " entity_type, tgm_record_id, tgm_values, record_hash, tgm_updated_at, erp_key)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)"
            + onConflict;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(sql)) {
      int i = 1;
      insert.setString(i++, command.idempotencyKey());
      insert.setString(i++, command.kind());
      insert.setLong(i++, command.jobId());
      insert.setLong(i++, command.mappingId());
      insert.setLong(i++, command.connectionId());
      insert.setString(i++, command.entity().name());
      Sql.setLong(insert, i++, command.tgmRecordId());
      insert.setString(
          i++, command.tgmValues() == null ? null : SyncJson.write(command.tgmValues()));
      insert.setString(i++, command.recordHash());
      Sql.setInstant(insert, i++, command.tgmUpdatedAt());
      insert.setString(i, command.erpKey());
      return insert.executeUpdate() == 1;
    } catch (SQLException e) {
      throw Sql.failure("record command " + command.idempotencyKey(), e);
    }
  }

  /** Commands of the connection sent and not answered yet. */
  public long inFlight(long connectionId) {
    String sql =
        "SELECT count(*) FROM sync_command WHERE connection_id = ? AND answered_at IS NULL";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, connectionId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    } catch (SQLException e) {
      throw Sql.failure("count the commands in flight of connection " + connectionId, e);
    }
  }

  /**
   * Marks answered the fetch of a record by the job, asked for by its whole key or by part of it
   * (the record fetched names its whole key), and returns it; empty when there is none unanswered.
   */
  public Optional<Answered> answerFetch(
      String fetchKey, long jobId, long mappingId, String erpKey) {
    Optional<Answered> exact = answer(fetchKey);
    if (exact.isPresent() || erpKey == null) {
      return exact;
    }
    String sql =
        "SELECT idempotency_key FROM sync_command WHERE job_id = ? AND mapping_id = ?"
            + " AND kind = 'FETCH' AND answered_at IS NULL AND erp_key::jsonb <@ CAST(? AS jsonb)"
            + " ORDER BY issued_at LIMIT 1 FOR UPDATE";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, jobId);
      select.setLong(2, mappingId);
      select.setString(3, erpKey);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? answer(row.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw Sql.failure("find the fetch of " + erpKey, e);
    }
  }

  /**
   * Marks the command answered and returns it; empty when it was answered before (a redelivered or
   * replayed answer) or is unknown, so that only the first answer counts.
   */
  public Optional<Answered> answer(String idempotencyKey) {
    if (idempotencyKey == null) {
      return Optional.empty();
    }
    String sql =
        "UPDATE sync_command SET answered_at = now() WHERE idempotency_key = ?"
            + " AND answered_at IS NULL RETURNING kind, job_id, mapping_id, entity_type,"
            + " tgm_record_id, tgm_values::text AS tgm_values, tgm_updated_at, erp_key, again";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(sql)) {
      update.setString(1, idempotencyKey);
      try (ResultSet row = update.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Answered(
                idempotencyKey,
                row.getString("kind"),
                row.getLong("job_id"),
                row.getLong("mapping_id"),
                EntityType.valueOf(row.getString("entity_type")),
                Sql.nullableLong(row, "tgm_record_id"),
                SyncJson.read(row.getString("tgm_values")),
                Sql.instant(row, "tgm_updated_at"),
                row.getString("erp_key"),
                row.getBoolean("again")));
      }
    } catch (SQLException e) {
      throw Sql.failure("mark command " + idempotencyKey + " answered", e);
    }
  }
}
