package com.tgm.erpsync.orchestrator.sync;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.orchestrator.jobs.Page;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The conflict queue (sync_conflict): records changed on both sides that the mapping's strategy
 * left for a person. One OPEN conflict per record at most; written in the transaction of the sync
 * step that found it.
 */
@ApplicationScoped
public class ConflictRepository {
  static final String OPEN = "OPEN";
  static final String RESOLVED = "RESOLVED";

  private static final String COLUMNS =
      "id, connection_id, mapping_id, entity_type, erp_entity_name, tgm_id, erp_key, status,"
          + " strategy, conflicting_fields::text AS conflicting_fields,"
          + " base_values::text AS base_values, tgm_values::text AS tgm_values,"
          + " erp_values::text AS erp_values, merged_values::text AS merged_values, erp_etag,"
          + " tgm_modified_at, erp_modified_at, detected_by_job_id, detected_at, updated_at,"
          + " resolution, resolved_values::text AS resolved_values, resolved_by, resolved_at,"
          + " resolved_by_job_id";

  private final AgroalDataSource dataSource;

  public ConflictRepository(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** One conflict as stored. Values are keyed by TGM field names. */
  public record Conflict(
      long id,
      long connectionId,
      long mappingId,
      EntityType entityType,
      String erpEntityName,
      long tgmId,
      String erpKey,
      String status,
      String strategy,
      List<String> conflictingFields,
      ObjectNode baseValues,
      ObjectNode tgmValues,
      ObjectNode erpValues,
      ObjectNode mergedValues,
      String erpEtag,
      Instant tgmModifiedAt,
      Instant erpModifiedAt,
      Long detectedByJobId,
      Instant detectedAt,
      Instant updatedAt,
      String resolution,
      ObjectNode resolvedValues,
      String resolvedBy,
      Instant resolvedAt,
      Long resolvedByJobId) {

    public boolean isOpen() {
      return OPEN.equals(status);
    }
  }

  /** What a sync step found: a record both sides changed, not settled by the strategy. */
  record Found(
      long connectionId,
      long mappingId,
      EntityType entityType,
      String erpEntityName,
      long tgmId,
      String erpKey,
      String strategy,
      List<String> conflictingFields,
      ObjectNode baseValues,
      ObjectNode tgmValues,
      ObjectNode erpValues,
      ObjectNode mergedValues,
      String erpEtag,
      Instant tgmModifiedAt,
      Instant erpModifiedAt,
      long jobId) {}

  /**
   * Opens a conflict, or updates the record's open one with the sides as they are now. Returns the
   * conflict and whether it is new.
   */
  Opened open(Found found) {
    String sql =
        "INSERT INTO sync_conflict (connection_id, mapping_id, entity_type, erp_entity_name,"
            + " tgm_id, erp_key, status, strategy, conflicting_fields, base_values, tgm_values,"
            + " erp_values, merged_values, erp_etag, tgm_modified_at, erp_modified_at,"
            + " detected_by_job_id) VALUES (?, ?, ?, ?, ?, ?, 'OPEN', ?, CAST(? AS jsonb), CAST(?"
            + " AS jsonb), CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS jsonb), ?, ?, ?, ?) ON"
            + " CONFLICT (connection_id, entity_type, tgm_id) WHERE status = 'OPEN' DO UPDATE SET"
            + " conflicting_fields = EXCLUDED.conflicting_fields, tgm_values = EXCLUDED.tgm_values,"
            + " erp_values = EXCLUDED.erp_values, merged_values = EXCLUDED.merged_values, erp_key ="
            + " EXCLUDED.erp_key, erp_etag = COALESCE(EXCLUDED.erp_etag, sync_conflict.erp_etag),"
            + " tgm_modified_at = EXCLUDED.tgm_modified_at, erp_modified_at ="
            + " COALESCE(EXCLUDED.erp_modified_at, sync_conflict.erp_modified_at), updated_at ="
            + " now() RETURNING (xmax = 0) AS inserted, "
            + COLUMNS;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(sql)) {
      int i = 1;
      insert.setLong(i++, found.connectionId());
      insert.setLong(i++, found.mappingId());
      insert.setString(i++, found.entityType().name());
      insert.setString(i++, found.erpEntityName());
      insert.setLong(i++, found.tgmId());
      insert.setString(i++, found.erpKey());
      insert.setString(i++, found.strategy());
      insert.setString(i++, SyncJson.write(fields(found.conflictingFields())));
      insert.setString(i++, found.baseValues() == null ? null : SyncJson.write(found.baseValues()));
      insert.setString(i++, SyncJson.write(found.tgmValues()));
      insert.setString(i++, SyncJson.write(found.erpValues()));
      insert.setString(i++, SyncJson.write(found.mergedValues()));
      insert.setString(i++, found.erpEtag());
      Sql.setInstant(insert, i++, found.tgmModifiedAt());
      Sql.setInstant(insert, i++, found.erpModifiedAt());
      insert.setLong(i, found.jobId());
      try (ResultSet row = insert.executeQuery()) {
        row.next();
        return new Opened(conflict(row), row.getBoolean("inserted"));
      }
    } catch (SQLException e) {
      throw Sql.failure("open a conflict on TGM " + found.entityType() + " " + found.tgmId(), e);
    }
  }

  /** A conflict just opened or updated. */
  record Opened(Conflict conflict, boolean created) {}

  /** The open conflicts of these TGM records, by TGM id. */
  Map<Long, Conflict> openOf(long connectionId, EntityType entity, Collection<Long> tgmIds) {
    Map<Long, Conflict> found = new HashMap<>();
    if (tgmIds.isEmpty()) {
      return found;
    }
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM sync_conflict WHERE connection_id = ? AND entity_type = ?"
            + " AND tgm_id = ANY (?) AND status = 'OPEN'";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, connectionId);
      select.setString(2, entity.name());
      select.setArray(3, connection.createArrayOf("bigint", tgmIds.toArray()));
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          Conflict conflict = conflict(row);
          found.put(conflict.tgmId(), conflict);
        }
      }
      return found;
    } catch (SQLException e) {
      throw Sql.failure("read the open conflicts of " + entity, e);
    }
  }

  /** Updates one side of an open conflict with what that side holds now. */
  void updateSide(long id, boolean tgmSide, ObjectNode values, String erpEtag, Instant modifiedAt) {
    String sql =
        tgmSide
            ? "UPDATE sync_conflict SET tgm_values = CAST(? AS jsonb), tgm_modified_at = ?,"
                + " updated_at = now() WHERE id = ? AND status = 'OPEN'"
            : "UPDATE sync_conflict SET erp_values = CAST(? AS jsonb),"
                + " erp_modified_at = COALESCE(?, erp_modified_at),"
                + " erp_etag = COALESCE(?, erp_etag), updated_at = now()"
                + " WHERE id = ? AND status = 'OPEN'";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(sql)) {
      int i = 1;
      update.setString(i++, SyncJson.write(values));
      Sql.setInstant(update, i++, modifiedAt);
      if (!tgmSide) {
        update.setString(i++, erpEtag);
      }
      update.setLong(i, id);
      update.executeUpdate();
    } catch (SQLException e) {
      throw Sql.failure("update conflict " + id, e);
    }
  }

  /** The conflict, locked for this transaction. */
  Optional<Conflict> lock(long id) {
    return one("SELECT " + COLUMNS + " FROM sync_conflict WHERE id = ? FOR UPDATE", id);
  }

  public Optional<Conflict> find(long id) {
    return one("SELECT " + COLUMNS + " FROM sync_conflict WHERE id = ?", id);
  }

  private Optional<Conflict> one(String sql, long id) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, id);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(conflict(row)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw Sql.failure("read conflict " + id, e);
    }
  }

  void markResolved(long id, String resolution, ObjectNode values, String resolvedBy, long jobId) {
    String sql =
        "UPDATE sync_conflict SET status = 'RESOLVED', resolution = ?,"
            + " resolved_values = CAST(? AS jsonb), resolved_by = ?, resolved_at = now(),"
            + " resolved_by_job_id = ?, updated_at = now() WHERE id = ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(sql)) {
      update.setString(1, resolution);
      update.setString(2, SyncJson.write(values));
      update.setString(3, resolvedBy);
      update.setLong(4, jobId);
      update.setLong(5, id);
      update.executeUpdate();
    } catch (SQLException e) {
      throw Sql.failure("resolve conflict " + id, e);
    }
  }

  /** Conflicts newest first, filtered by connection, status and entity when given. */
  public Page<Conflict> list(
      Long connectionId, String status, EntityType entity, int page, int size) {
    StringBuilder where = new StringBuilder(" WHERE true");
    List<Object> parameters = new ArrayList<>();
    if (connectionId != null) {
      where.append(" AND connection_id = ?");
      parameters.add(connectionId);
    }
    if (status != null) {
      where.append(" AND status = ?");
      parameters.add(status);
    }
    if (entity != null) {
      where.append(" AND entity_type = ?");
      parameters.add(entity.name());
    }
    try (Connection connection = dataSource.getConnection()) {
      long total;
      try (PreparedStatement count =
          connection.prepareStatement("SELECT count(*) FROM sync_conflict" + where)) {
        bind(count, parameters);
        try (ResultSet row = count.executeQuery()) {
          row.next();
          total = row.getLong(1);
        }
      }
      List<Conflict> items = new ArrayList<>();
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT "
                  + COLUMNS
                  + " FROM sync_conflict"
                  + where
                  + " ORDER BY id DESC"
                  + " LIMIT ? OFFSET ?")) {
        int next = bind(select, parameters);
        select.setInt(next++, size);
        select.setLong(next, (long) page * size);
        try (ResultSet row = select.executeQuery()) {
          while (row.next()) {
            items.add(conflict(row));
          }
        }
      }
      return new Page<>(items, page, size, total);
    } catch (SQLException e) {
      throw Sql.failure("list conflicts", e);
    }
  }

  private static int bind(PreparedStatement statement, List<Object> parameters)
      throws SQLException {
    int i = 1;
    for (Object parameter : parameters) {
      if (parameter instanceof Long number) {
        statement.setLong(i++, number);
      } else {
        statement.setString(i++, (String) parameter);
      }
    }
    return i;
  }

  private static ArrayNode fields(List<String> names) {
    ArrayNode array = SyncJson.EXACT.createArrayNode();
    names.forEach(array::add);
    return array;
  }

  private static Conflict conflict(ResultSet row) throws SQLException {
    List<String> fields = new ArrayList<>();
    SyncJson.tree(row.getString("conflicting_fields")).forEach(f -> fields.add(f.asText()));
    return new Conflict(
        row.getLong("id"),
        row.getLong("connection_id"),
        row.getLong("mapping_id"),
        EntityType.valueOf(row.getString("entity_type")),
        row.getString("erp_entity_name"),
        row.getLong("tgm_id"),
        row.getString("erp_key"),
        row.getString("status"),
        row.getString("strategy"),
        fields,
        nullableObject(row.getString("base_values")),
        SyncJson.read(row.getString("tgm_values")),
        SyncJson.read(row.getString("erp_values")),
        SyncJson.read(row.getString("merged_values")),
        row.getString("erp_etag"),
        Sql.instant(row, "tgm_modified_at"),
        Sql.instant(row, "erp_modified_at"),
        Sql.nullableLong(row, "detected_by_job_id"),
        Sql.instant(row, "detected_at"),
        Sql.instant(row, "updated_at"),
        row.getString("resolution"),
        nullableObject(row.getString("resolved_values")),
        row.getString("resolved_by"),
        Sql.instant(row, "resolved_at"),
        Sql.nullableLong(row, "resolved_by_job_id"));
  }

  private static ObjectNode nullableObject(String json) {
    return json == null ? null : SyncJson.read(json);
  }
}
