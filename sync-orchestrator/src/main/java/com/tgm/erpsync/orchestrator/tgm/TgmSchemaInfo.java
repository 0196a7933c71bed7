package com.tgm.erpsync.orchestrator.tgm;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the migrated TGM schema says about its columns and constraints: text lengths and decimal
 * scales, so a value is refused with its field named instead of cut or rounded (PostgreSQL's own
 * errors for these name no column), and which columns each constraint covers, so a violation names
 * its field.
 */
final class TgmSchemaInfo {

  /** A column's type as information_schema reports it; lengths and scales null where none. */
  record Column(String dataType, Integer maxLength, Integer precision, Integer scale) {}

  /** A constraint: its type (pg_constraint.contype), columns and definition. */
  record Constraint(char type, List<String> columns, String definition) {}

  private static final String COLUMNS =
      "SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision,"
          + " numeric_scale FROM information_schema.columns WHERE table_schema = ?";

  private static final String CONSTRAINTS =
      "SELECT rel.relname, con.conname, con.contype, pg_get_constraintdef(con.oid),"
          + " ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, pos)"
          + "   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum"
          + "   ORDER BY k.pos)::text[]"
          + " FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid"
          + " JOIN pg_namespace ns ON ns.oid = rel.relnamespace WHERE ns.nspname = ?";

  private final Map<String, Map<String, Column>> columns;
  private final Map<String, Map<String, Constraint>> constraints;

  private TgmSchemaInfo(
      Map<String, Map<String, Column>> columns, Map<String, Map<String, Constraint>> constraints) {
    this.columns = columns;
    this.constraints = constraints;
  }

  static TgmSchemaInfo load(Connection connection) throws SQLException {
    Map<String, Map<String, Column>> columns = new HashMap<>();
    try (PreparedStatement query = connection.prepareStatement(COLUMNS)) {
      query.setString(1, TgmTables.SCHEMA);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          columns
              .computeIfAbsent(rows.getString(1), t -> new HashMap<>())
              .put(
                  rows.getString(2),
                  new Column(
                      rows.getString(3),
                      (Integer) rows.getObject(4),
                      (Integer) rows.getObject(5),
                      (Integer) rows.getObject(6)));
        }
      }
    }
    Map<String, Map<String, Constraint>> constraints = new HashMap<>();
    try (PreparedStatement query = connection.prepareStatement(CONSTRAINTS)) {
      query.setString(1, TgmTables.SCHEMA);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          Array names = rows.getArray(5);
          constraints
              .computeIfAbsent(rows.getString(1), t -> new HashMap<>())
              .put(
                  rows.getString(2),
                  new Constraint(
                      rows.getString(3).charAt(0),
                      List.of((String[]) names.getArray()),
                      rows.getString(4)));
        }
      }
    }
    if (columns.isEmpty()) {
      throw new IllegalStateException(
          "schema " + TgmTables.SCHEMA + " has no tables: is migration V2 applied?");
    }
    return new TgmSchemaInfo(columns, constraints);
  }

  /** The column, or null when the table lacks it. */
  Column column(String table, String column) {
    return columns.getOrDefault(table, Map.of()).get(column);
  }

  /** The constraint, or null when the table has none of that name. */
  Constraint constraint(String table, String name) {
    return name == null ? null : constraints.getOrDefault(table, Map.of()).get(name);
  }
}
