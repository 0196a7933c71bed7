package com.tgm.erpsync.orchestrator.tgm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.TgmField;
import com.tgm.erpsync.contracts.TgmFieldCatalogue;
import com.tgm.erpsync.orchestrator.capture.SyncOrigin;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Reads and writes TGM records (schema {@code tgm}) with values keyed by catalogue field names, in
 * mapping-engine's JSON form. Plain JDBC on the service's data source: inside a JTA transaction
 * every call works on the transaction's connection, so TGM rows commit together with whatever else
 * the caller writes (ledger rows, job counters).
 *
 * <p>Each write runs under a savepoint: a record TGM refuses ({@link TgmWriteException}) leaves
 * nothing behind and the transaction usable, so one bad record does not cost its batch. SQL names
 * only tables and columns of the catalogue; values are always bound as parameters.
 */
@ApplicationScoped
public class TgmStore {
  private static final String SAVEPOINT = "tgm_store_write";
  private static final Map<EntityType, Statements> STATEMENTS = new EnumMap<>(EntityType.class);

  static {
    for (EntityType entity : EntityType.values()) {
      STATEMENTS.put(entity, new Statements(entity));
    }
  }

  private final AgroalDataSource dataSource;
  private volatile TgmSchemaInfo schema;

  public TgmStore(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Inserts a record; fields left out take the column default (null for most).
   *
   * @return the new record's id
   * @throws TgmWriteException when TGM refuses the record; nothing was written
   */
  public long insert(EntityType entity, ObjectNode values) {
    return insert(entity, values, null);
  }

  /**
   * {@link #insert(EntityType, ObjectNode)} on behalf of a connection's sync: the write is marked
   * in its transaction as synced from that connection, so change capture does not send it back.
   */
  public long insert(EntityType entity, ObjectNode values, Long syncedFrom) {
    Statements statements = STATEMENTS.get(Objects.requireNonNull(entity, "entity"));
    try (Connection connection = dataSource.getConnection()) {
      Map<TgmField, Object> bound = bind(connection, entity, values, true);
      String sql = statements.insert(bound.keySet());
      return inSavepoint(
          connection,
          entity,
          bound,
          syncedFrom,
          () -> {
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
              int index = 1;
              for (Map.Entry<TgmField, Object> value : bound.entrySet()) {
                TgmValues.bind(insert, index++, value.getKey(), value.getValue());
              }
              try (ResultSet key = insert.executeQuery()) {
                key.next();
                return key.getLong(1);
              }
            }
          });
    } catch (SQLException e) {
      throw unavailable("insert into", entity, e);
    }
  }

  /**
   * Sets the given fields of a record and leaves the others as they are; the database moves its
   * updatedAt. Empty values change nothing.
   *
   * @return false when no record has that id
   * @throws TgmWriteException when TGM refuses the values; nothing was written
   */
  public boolean update(EntityType entity, long id, ObjectNode values) {
    return update(entity, id, values, null);
  }

  /** {@link #update(EntityType, long, ObjectNode)} on behalf of a connection's sync (marked). */
  public boolean update(EntityType entity, long id, ObjectNode values, Long syncedFrom) {
    Statements statements = STATEMENTS.get(Objects.requireNonNull(entity, "entity"));
    try (Connection connection = dataSource.getConnection()) {
      Map<TgmField, Object> bound = bind(connection, entity, values, false);
      if (bound.isEmpty()) {
        return exists(connection, statements, id);
      }
      String sql = statements.update(bound.keySet());
      return inSavepoint(
          connection,
          entity,
          bound,
          syncedFrom,
          () -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
              int index = 1;
              for (Map.Entry<TgmField, Object> value : bound.entrySet()) {
                TgmValues.bind(update, index++, value.getKey(), value.getValue());
              }
              update.setLong(index, id);
              return update.executeUpdate() == 1;
            }
          });
    } catch (SQLException e) {
      throw unavailable("update", entity, e);
    }
  }

  /** The record with every catalogue field, or empty when no record has that id. */
  public Optional<TgmRow> find(EntityType entity, long id) {
    Statements statements = STATEMENTS.get(Objects.requireNonNull(entity, "entity"));
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(statements.find)) {
      select.setLong(1, id);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(statements.row(rows)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw unavailable("read", entity, e);
    }
  }

  /**
   * Deletes a record on behalf of a connection's sync (marked like its other writes).
   *
   * @return false when no record has that id
   * @throws TgmWriteException when TGM refuses (other records still refer to it); nothing changed
   */
  public boolean delete(EntityType entity, long id, Long syncedFrom) {
    Statements statements = STATEMENTS.get(Objects.requireNonNull(entity, "entity"));
    try (Connection connection = dataSource.getConnection()) {
      return inSavepoint(
          connection,
          entity,
          Map.of(),
          syncedFrom,
          () -> {
            try (PreparedStatement delete = connection.prepareStatement(statements.delete)) {
              delete.setLong(1, id);
              return delete.executeUpdate() == 1;
            }
          });
    } catch (SQLException e) {
      throw unavailable("delete from", entity, e);
    }
  }

  /** The records with these ids that exist, by id, read in one query. */
  public Map<Long, TgmRow> findAll(EntityType entity, java.util.Collection<Long> ids) {
    Statements statements = STATEMENTS.get(Objects.requireNonNull(entity, "entity"));
    Map<Long, TgmRow> found = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(statements.findAll)) {
      select.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          TgmRow row = statements.row(rows);
          found.put(row.id(), row);
        }
      }
      return found;
    } catch (SQLException e) {
      throw unavailable("read", entity, e);
    }
  }

  /**
   * One page of records in modification order, (updatedAt, id) ascending: the keyset pages of a
   * sync. A record modified while a sync pages through its table moves behind the keyset and is
   * read again on a later page; none is skipped.
   *
   * @param changedSince only records with updatedAt at or after this instant; null for all
   * @param afterUpdatedAt with {@code afterId}, the keyset of the previous page's last record; both
   *     null for the first page
   * @param limit the page size, at least 1
   */
  public List<TgmRow> page(
      EntityType entity, Instant changedSince, Instant afterUpdatedAt, Long afterId, int limit) {
    Statements statements = STATEMENTS.get(Objects.requireNonNull(entity, "entity"));
    if ((afterUpdatedAt == null) != (afterId == null)) {
      throw new IllegalArgumentException("afterUpdatedAt and afterId go together: both or none");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    String sql = statements.page(changedSince != null, afterId != null);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      int index = 1;
      if (changedSince != null) {
        select.setObject(index++, TgmValues.timestamp(changedSince));
      }
      if (afterId != null) {
        select.setObject(index++, TgmValues.timestamp(afterUpdatedAt));
        select.setLong(index++, afterId);
      }
      select.setInt(index, limit);
      List<TgmRow> page = new ArrayList<>(Math.min(limit, 1000));
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          page.add(statements.row(rows));
        }
      }
      return page;
    } catch (SQLException e) {
      throw unavailable("page through", entity, e);
    }
  }

  /** How many records there are, or how many were modified at or after {@code changedSince}. */
  public long count(EntityType entity, Instant changedSince) {
    Statements statements = STATEMENTS.get(Objects.requireNonNull(entity, "entity"));
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(statements.count(changedSince != null))) {
      if (changedSince != null) {
        select.setObject(1, TgmValues.timestamp(changedSince));
      }
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw unavailable("count", entity, e);
    }
  }

  /** The values as JDBC values in catalogue order; refuses unknown, read-only and bad values. */
  private Map<TgmField, Object> bind(
      Connection connection, EntityType entity, ObjectNode values, boolean insert)
      throws SQLException {
    Objects.requireNonNull(values, "values");
    TgmSchemaInfo info = schema(connection);
    String table = TgmTables.table(entity);
    Iterator<String> names = values.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      TgmField field = TgmFieldCatalogue.field(entity, name).orElse(null);
      if (field == null) {
        throw TgmWriteException.invalid(
            entity,
            name,
            TgmValues.describe(TextNode.valueOf(name))
                + " is no field of a TGM "
                + entity
                + "; its fields are "
                + STATEMENTS.get(entity).fieldNames);
      }
      if (field.readOnly()) {
        throw TgmWriteException.invalid(
            entity, name, name + " is read-only: TGM maintains it, sync cannot write it");
      }
    }
    Map<TgmField, Object> bound = new LinkedHashMap<>();
    for (TgmField field : TgmFieldCatalogue.fieldsOf(entity)) {
      JsonNode value = values.get(field.name());
      if (value == null) {
        if (insert && field.required()) {
          throw TgmWriteException.invalid(entity, field.name(), field.name() + " is required");
        }
        continue;
      }
      Object jdbc =
          TgmValues.toJdbc(
              entity, field, info.column(table, TgmTables.column(field.name())), value);
      if (field.required() && (jdbc == null || jdbc instanceof String s && s.isBlank())) {
        throw TgmWriteException.invalid(
            entity,
            field.name(),
            field.name()
                + " is required"
                + (jdbc == null ? "" : ", an empty text is no value")
                + (insert ? "" : "; it cannot be cleared"));
      }
      bound.put(field, jdbc);
    }
    return bound;
  }

  private TgmSchemaInfo schema(Connection connection) throws SQLException {
    TgmSchemaInfo info = schema;
    if (info == null) {
      info = TgmSchemaInfo.load(connection);
      schema = info;
    }
    return info;
  }

  private static boolean exists(Connection connection, Statements statements, long id)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(statements.exists)) {
      select.setLong(1, id);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next();
      }
    }
  }

  @FunctionalInterface
  private interface Write<T> {
    T run() throws SQLException;
  }

  /**
   * Runs one write under a savepoint when inside a transaction: a refused write rolls back to it,
   * which keeps PostgreSQL's transaction usable (otherwise every later statement would fail). Plain
   * SQL, since the pool refuses JDBC's rollback(Savepoint) on a connection enlisted in JTA.
   */
  private <T> T inSavepoint(
      Connection connection,
      EntityType entity,
      Map<TgmField, Object> bound,
      Long syncedFrom,
      Write<T> write)
      throws SQLException {
    boolean savepoint = !connection.getAutoCommit();
    if (savepoint) {
      execute(connection, "SAVEPOINT " + SAVEPOINT);
    }
    try {
      if (syncedFrom != null) {
        // before the write, in its (sub)transaction: a refused write takes the mark with it
        SyncOrigin.mark(connection, syncedFrom);
      }
      T result = write.run();
      if (savepoint) {
        execute(connection, "RELEASE SAVEPOINT " + SAVEPOINT);
      }
      return result;
    } catch (SQLException e) {
      if (savepoint) {
        try {
          execute(connection, "ROLLBACK TO SAVEPOINT " + SAVEPOINT);
          execute(connection, "RELEASE SAVEPOINT " + SAVEPOINT);
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
          throw e;
        }
      }
      TgmWriteException refused = refusal(entity, bound, e);
      if (refused == null) {
        throw e;
      }
      Log.debugf("ErpSync TGM %s write refused: %s", entity, refused.getMessage());
      throw refused;
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** The record-level reason of a database error, or null when the error is not the record's. */
  private TgmWriteException refusal(
      EntityType entity, Map<TgmField, Object> bound, SQLException error) {
    String state = error.getSQLState();
    if (state == null || !(state.startsWith("22") || state.startsWith("23"))) {
      return null;
    }
    ServerErrorMessage server =
        error instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
    String serverText = server == null ? error.getMessage() : server.getMessage();
    TgmSchemaInfo info = schema;
    TgmSchemaInfo.Constraint constraint =
        server == null || info == null
            ? null
            : info.constraint(TgmTables.table(entity), server.getConstraint());
    String column =
        server != null && server.getColumn() != null
            ? server.getColumn()
            : constraint != null && constraint.columns().size() == 1
                ? constraint.columns().get(0)
                : null;
    TgmField field =
        column == null
            ? null
            : TgmFieldCatalogue.fieldsOf(entity).stream()
                .filter(f -> TgmTables.column(f.name()).equals(column))
                .findFirst()
                .orElse(null);
    String name = field == null ? null : field.name();
    String shown = field == null ? null : shown(field, bound.get(field));
    return switch (state) {
      case "23505" ->
          new TgmWriteException(
              entity,
              ErrorCode.CONFLICT,
              name,
              field == null
                  ? "another TGM " + entity + " record already has these values: " + serverText
                  : name + " " + shown + " is already used by another TGM " + entity + " record");
      case "23503" ->
          TgmWriteException.invalid(
              entity,
              name,
              field == null
                  ? "a reference points to no TGM record: " + serverText
                  : name + " " + shown + " refers to no TGM " + field.references() + " record");
      case "23502" ->
          TgmWriteException.invalid(
              entity, name, field == null ? serverText : name + " is required");
      case "23514" ->
          TgmWriteException.invalid(
              entity,
              name,
              field == null || constraint == null
                  ? serverText
                  : name + " " + shown + " breaks TGM's rule " + rule(constraint));
      default ->
          TgmWriteException.invalid(
              entity, name, (name == null ? "" : name + ": ") + "TGM refused it: " + serverText);
    };
  }

  private static String shown(TgmField field, Object jdbc) {
    if (jdbc == null) {
      return "null";
    }
    if (jdbc instanceof String text && field.fieldType() != FieldType.JSON) {
      return TgmValues.describe(TextNode.valueOf(text));
    }
    String text =
        jdbc instanceof OffsetDateTime time ? time.toInstant().toString() : jdbc.toString();
    return text.length() <= 100 ? text : text.substring(0, 100) + "…";
  }

  /** A check constraint's condition without its CHECK keyword, e.g. {@code (quantity >= 0)}. */
  private static String rule(TgmSchemaInfo.Constraint constraint) {
    return constraint.definition().replaceFirst("^CHECK \\((.*)\\)$", "$1");
  }

  private static IllegalStateException unavailable(String what, EntityType entity, SQLException e) {
    return new IllegalStateException(
        "cannot " + what + " TGM table " + TgmTables.qualifiedTable(entity) + ": " + e.getMessage(),
        e);
  }

  /** The SQL of one entity, built once from the catalogue: no identifier comes from a caller. */
  private static final class Statements {
    private final List<TgmField> fields;
    private final String table;
    private final String fieldNames;
    private final String columns;
    private final String find;
    private final String findAll;
    private final String delete;
    private final String exists;

    Statements(EntityType entity) {
      this.fields = TgmFieldCatalogue.fieldsOf(entity);
      this.table = quote(TgmTables.SCHEMA) + "." + quote(TgmTables.table(entity));
      this.fieldNames =
          fields.stream().filter(f -> !f.readOnly()).map(TgmField::name).toList().toString();
      this.columns =
          fields.stream()
              .map(f -> quote(TgmTables.column(f.name())))
              .collect(Collectors.joining(", "));
      this.find = "SELECT " + columns + " FROM " + table + " WHERE \"id\" = ?";
      this.findAll = "SELECT " + columns + " FROM " + table + " WHERE \"id\" = ANY (?)";
      this.delete = "DELETE FROM " + table + " WHERE \"id\" = ?";
      this.exists = "SELECT 1 FROM " + table + " WHERE \"id\" = ?";
    }

    String insert(Iterable<TgmField> given) {
      List<String> names = new ArrayList<>();
      List<String> placeholders = new ArrayList<>();
      for (TgmField field : given) {
        names.add(quote(TgmTables.column(field.name())));
        placeholders.add(TgmValues.placeholder(field));
      }
      if (names.isEmpty()) {
        return "INSERT INTO " + table + " DEFAULT VALUES RETURNING \"id\"";
      }
      return "INSERT INTO "
          + table
          + " ("
          + String.join(", ", names)
          + ") VALUES ("
          + String.join(", ", placeholders)
          + ") RETURNING \"id\"";
    }

    String update(Iterable<TgmField> given) {
      List<String> assignments = new ArrayList<>();
      for (TgmField field : given) {
        assignments.add(
            quote(TgmTables.column(field.name())) + " = " + TgmValues.placeholder(field));
      }
      return "UPDATE " + table + " SET " + String.join(", ", assignments) + " WHERE \"id\" = ?";
    }

    String page(boolean changedSince, boolean after) {
      StringBuilder sql =
          new StringBuilder("SELECT ").append(columns).append(" FROM ").append(table);
      if (changedSince) {
        sql.append(" WHERE \"updated_at\" >= ?");
      }
      if (after) {
        sql.append(changedSince ? " AND" : " WHERE").append(" (\"updated_at\", \"id\") > (?, ?)");
      }
      return sql.append(" ORDER BY \"updated_at\", \"id\" LIMIT ?").toString();
    }

    String count(boolean changedSince) {
      return "SELECT count(*) FROM " + table + (changedSince ? " WHERE \"updated_at\" >= ?" : "");
    }

    TgmRow row(ResultSet rows) throws SQLException {
      ObjectNode values = JsonNodeFactory.instance.objectNode();
      long id = 0;
      Instant updatedAt = null;
      for (int i = 0; i < fields.size(); i++) {
        TgmField field = fields.get(i);
        JsonNode value = TgmValues.read(rows, i + 1, field);
        values.set(field.name(), value);
        if (field.name().equals("id")) {
          id = value.longValue();
        } else if (field.name().equals("updatedAt")) {
          updatedAt = Instant.parse(value.textValue());
        }
      }
      return new TgmRow(id, updatedAt, values);
    }

    private static String quote(String identifier) {
      return '"' + identifier + '"';
    }
  }
}
