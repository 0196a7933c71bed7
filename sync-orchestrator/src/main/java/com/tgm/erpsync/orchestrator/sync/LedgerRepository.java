package com.tgm.erpsync.orchestrator.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.contracts.EntityType;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The sync ledger: per connection and entity, which TGM record is which ERP record, and the merge
 * base. Looked up a page at a time (one query for a page of keys), written in the transaction of
 * the write it describes.
 */
@ApplicationScoped
public class LedgerRepository {
  /**
   * Read by joining the wanted keys ({@code unnest}) rather than {@code = ANY (?)}: with the array
   * as a join, every plan PostgreSQL may cache is a lookup in the unique index per key; with ANY a
   * generic plan could filter all the connection's rows through the (connection, entity) prefix of
   * another index, once per page.
   */
  private static final String COLUMNS =
      "l.tgm_id, l.erp_key, l.erp_etag, l.erp_modified_at, l.base_values::text AS base,"
          + " l.base_hash";

  /** Parameters: the ERP keys (varchar[]), connection id, entity type. */
  static final String BY_ERP_KEYS =
      "SELECT "
          + COLUMNS
          + " FROM unnest(?) AS wanted (erp_key) JOIN sync_ledger l ON l.connection_id = ?"
          + " AND l.entity_type = ? AND l.erp_key = wanted.erp_key";

  /** Parameters: the TGM ids (bigint[]), connection id, entity type. */
  static final String BY_TGM_IDS =
      "SELECT "
          + COLUMNS
          + " FROM unnest(?) AS wanted (tgm_id) JOIN sync_ledger l ON l.connection_id = ?"
          + " AND l.entity_type = ? AND l.tgm_id = wanted.tgm_id";

  private static final String UPSERT =
      "INSERT INTO sync_ledger (connection_id, entity_type, tgm_id, erp_key, erp_ref, erp_etag,"
          + " erp_modified_at, tgm_updated_at, base_values, base_hash, last_direction,"
          + " last_job_id, last_synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?,"
          + " ?, ?, now()) ON CONFLICT (connection_id, entity_type, tgm_id) DO UPDATE SET"
          + " erp_key = EXCLUDED.erp_key, erp_ref = EXCLUDED.erp_ref,"
          + " erp_etag = COALESCE(EXCLUDED.erp_etag, sync_ledger.erp_etag),"
          + " erp_modified_at = COALESCE(EXCLUDED.erp_modified_at, sync_ledger.erp_modified_at),"
          + " tgm_updated_at = COALESCE(EXCLUDED.tgm_updated_at, sync_ledger.tgm_updated_at),"
          + " base_values = EXCLUDED.base_values, base_hash = EXCLUDED.base_hash,"
          + " last_direction = EXCLUDED.last_direction, last_job_id = EXCLUDED.last_job_id,"
          + " last_synced_at = now()";

  private final AgroalDataSource dataSource;

  public LedgerRepository(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The links of the given ERP keys (canonical texts), by key. */
  public Map<String, LedgerEntry> byErpKeys(
      long connectionId, EntityType entity, Collection<String> erpKeys) {
    Map<String, LedgerEntry> found = new HashMap<>();
    if (erpKeys.isEmpty()) {
      return found;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(BY_ERP_KEYS)) {
      select.setArray(1, connection.createArrayOf("varchar", erpKeys.toArray()));
      select.setLong(2, connectionId);
      select.setString(3, entity.name());
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          LedgerEntry entry = entry(row);
          found.put(entry.erpKey(), entry);
        }
      }
      return found;
    } catch (SQLException e) {
      throw Sql.failure("read the ledger of " + entity, e);
    }
  }

  /** The links of the given TGM records, by TGM id. */
  public Map<Long, LedgerEntry> byTgmIds(
      long connectionId, EntityType entity, Collection<Long> tgmIds) {
    Map<Long, LedgerEntry> found = new HashMap<>();
    if (tgmIds.isEmpty()) {
      return found;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(BY_TGM_IDS)) {
      select.setArray(1, connection.createArrayOf("bigint", tgmIds.toArray()));
      select.setLong(2, connectionId);
      select.setString(3, entity.name());
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          LedgerEntry entry = entry(row);
          found.put(entry.tgmId(), entry);
        }
      }
      return found;
    } catch (SQLException e) {
      throw Sql.failure("read the ledger of " + entity, e);
    }
  }

  /**
   * The link of the one ERP record whose key contains the given fields (a notification naming a
   * record by part of its key); empty when none or several do.
   */
  public Optional<LedgerEntry> byPartialKey(
      long connectionId, EntityType entity, String canonicalPart) {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM sync_ledger l WHERE l.connection_id = ? AND l.entity_type = ?"
            + " AND l.erp_key::jsonb @> CAST(? AS jsonb) LIMIT 2";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, connectionId);
      select.setString(2, entity.name());
      select.setString(3, canonicalPart);
      List<LedgerEntry> found = new java.util.ArrayList<>(2);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          found.add(entry(row));
        }
      }
      return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    } catch (SQLException e) {
      throw Sql.failure("find the ledger link of a key part of " + entity, e);
    }
  }

  public Optional<LedgerEntry> byTgmId(long connectionId, EntityType entity, long tgmId) {
    return Optional.ofNullable(byTgmIds(connectionId, entity, List.of(tgmId)).get(tgmId));
  }

  /** The reference form of the ERP key of a linked TGM record (what a REFERENCE field holds). */
  public Optional<String> erpRef(long connectionId, EntityType entity, long tgmId) {
    String sql =
        "SELECT erp_ref FROM sync_ledger WHERE connection_id = ? AND entity_type = ?"
            + " AND tgm_id = ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, connectionId);
      select.setString(2, entity.name());
      select.setLong(3, tgmId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw Sql.failure("resolve a reference to " + entity, e);
    }
  }

  /** The TGM id linked to the ERP record a REFERENCE value names (reference form or JSON). */
  public OptionalLong tgmIdByRef(long connectionId, EntityType entity, String ref) {
    String sql =
        "SELECT tgm_id FROM sync_ledger WHERE connection_id = ? AND entity_type = ?"
            + " AND (erp_ref = ? OR erp_key = ?) LIMIT 1";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, connectionId);
      select.setString(2, entity.name());
      select.setString(3, ref);
      select.setString(4, ref);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
      }
    } catch (SQLException e) {
      throw Sql.failure("resolve a reference to " + entity, e);
    }
  }

  /**
   * Links a TGM record to an ERP record with a new merge base. An ERP record linked to another TGM
   * record before is relinked (the ERP has one record for both: the newer sync wins, and says so).
   */
  public void link(
      long connectionId,
      EntityType entity,
      long tgmId,
      String erpKey,
      String etag,
      Instant erpModifiedAt,
      Instant tgmUpdatedAt,
      ObjectNode baseValues,
      String baseHash,
      String direction,
      long jobId) {
    String unlink =
        "DELETE FROM sync_ledger WHERE connection_id = ? AND entity_type = ? AND erp_key = ?"
            + " AND tgm_id <> ? RETURNING tgm_id";
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement delete = connection.prepareStatement(unlink)) {
        delete.setLong(1, connectionId);
        delete.setString(2, entity.name());
        delete.setString(3, erpKey);
        delete.setLong(4, tgmId);
        try (ResultSet row = delete.executeQuery()) {
          while (row.next()) {
            Log.warnf(
                "ErpSync ledger: ERP %s record %s of connection %d relinked from TGM id %d to %d",
                entity, ErpKeys.display(erpKey), connectionId, row.getLong(1), tgmId);
          }
        }
      }
      try (PreparedStatement insert = connection.prepareStatement(UPSERT)) {
        bind(
            insert,
            new Link(
                tgmId,
                erpKey,
                etag,
                erpModifiedAt,
                tgmUpdatedAt,
                baseValues,
                baseHash,
                direction,
                jobId),
            connectionId,
            entity);
        insert.executeUpdate();
      }
    } catch (SQLException e) {
      throw Sql.failure("link TGM " + entity + " " + tgmId + " in the ledger", e);
    }
  }

  /** One link to write. */
  public record Link(
      long tgmId,
      String erpKey,
      String etag,
      Instant erpModifiedAt,
      Instant tgmUpdatedAt,
      ObjectNode baseValues,
      String baseHash,
      String direction,
      long jobId) {}

  /**
   * Writes a page of links in one batch. The caller knows none of their ERP keys is linked to
   * another TGM record (it looked them up in this transaction).
   */
  public void linkAll(long connectionId, EntityType entity, List<Link> links) {
    if (links.isEmpty()) {
      return;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(UPSERT)) {
      for (Link link : links) {
        bind(insert, link, connectionId, entity);
        insert.addBatch();
      }
      insert.executeBatch();
    } catch (SQLException e) {
      throw Sql.failure("link a page of " + entity + " in the ledger", e);
    }
  }

  private static void bind(
      PreparedStatement insert, Link link, long connectionId, EntityType entity)
      throws SQLException {
    int i = 1;
    insert.setLong(i++, connectionId);
    insert.setString(i++, entity.name());
    insert.setLong(i++, link.tgmId());
    insert.setString(i++, link.erpKey());
    insert.setString(i++, ErpKeys.display(link.erpKey()));
    insert.setString(i++, link.etag());
    Sql.setInstant(insert, i++, link.erpModifiedAt());
    Sql.setInstant(insert, i++, link.tgmUpdatedAt());
    insert.setString(i++, SyncJson.write(link.baseValues()));
    insert.setString(i++, link.baseHash());
    insert.setString(i++, link.direction());
    insert.setLong(i, link.jobId());
  }

  /** Forgets the link of a TGM record that no longer exists. */
  public void unlinkTgm(long connectionId, EntityType entity, long tgmId) {
    String sql =
        "DELETE FROM sync_ledger WHERE connection_id = ? AND entity_type = ? AND tgm_id = ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete = connection.prepareStatement(sql)) {
      delete.setLong(1, connectionId);
      delete.setString(2, entity.name());
      delete.setLong(3, tgmId);
      delete.executeUpdate();
    } catch (SQLException e) {
      throw Sql.failure("unlink TGM " + entity + " " + tgmId, e);
    }
  }

  private static LedgerEntry entry(ResultSet row) throws SQLException {
    return new LedgerEntry(
        row.getLong("tgm_id"),
        row.getString("erp_key"),
        row.getString("erp_etag"),
        Sql.instant(row, "erp_modified_at"),
        SyncJson.read(row.getString("base")),
        row.getString("base_hash"));
  }
}
