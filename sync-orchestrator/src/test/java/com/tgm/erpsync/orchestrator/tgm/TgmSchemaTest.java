package com.tgm.erpsync.orchestrator.tgm;

import static org.assertj.core.api.Assertions.assertThat;

import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.TgmField;
import com.tgm.erpsync.contracts.TgmFieldCatalogue;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The migrated TGM schema and the field catalogue (what GET /syncable-entities shows and mapping
 * validation checks) never drift: read from the real database's information_schema and pg_catalog.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
class TgmSchemaTest {
  /** Columns a table has beyond the catalogue's fields. */
  private static final Set<String> EXTRA_COLUMNS = Set.of("created_at");

  private static final Map<FieldType, Set<String>> COMPATIBLE =
      Map.of(
          FieldType.STRING, Set.of("character varying", "text"),
          FieldType.ENUM, Set.of("character varying", "text"),
          FieldType.INTEGER, Set.of("integer", "bigint"),
          FieldType.DECIMAL, Set.of("numeric"),
          FieldType.BOOLEAN, Set.of("boolean"),
          FieldType.DATE, Set.of("date"),
          FieldType.DATETIME, Set.of("timestamp with time zone"),
          FieldType.REFERENCE, Set.of("bigint"),
          FieldType.JSON, Set.of("jsonb"));

  private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'')*)'");

  @Inject AgroalDataSource dataSource;

  record Column(String type, boolean nullable) {}

  record ForeignKey(String column, String targetTable, String targetColumn, String onDelete) {}

  @Test
  void hasOneTablePerEntityAndNoOther() throws SQLException {
    List<String> tables =
        strings(
            "SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = 'tgm' AND table_type = 'BASE TABLE'");
    assertThat(tables)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(EntityType.values()).map(TgmTables::table).toList());
    for (EntityType entity : EntityType.values()) {
      assertThat(TgmTables.entityOf(TgmTables.table(entity))).contains(entity);
    }
  }

  @Test
  void everyCatalogueFieldHasAColumnOfACompatibleTypeAndEveryColumnAField() throws SQLException {
    SoftAssertions softly = new SoftAssertions();
    for (EntityType entity : EntityType.values()) {
      Map<String, Column> columns = columns(TgmTables.table(entity));
      Set<String> fieldColumns = new HashSet<>();
      for (TgmField field : TgmFieldCatalogue.fieldsOf(entity)) {
        String name = TgmTables.column(field.name());
        fieldColumns.add(name);
        Column column = columns.get(name);
        softly.assertThat(column).as("%s.%s has column %s", entity, field.name(), name).isNotNull();
        if (column == null) {
          continue;
        }
        softly
            .assertThat(COMPATIBLE.get(field.fieldType()))
            .as("%s.%s (%s) stored as %s", entity, field.name(), field.fieldType(), column.type())
            .contains(column.type());
        if (field.required()) {
          softly
              .assertThat(column.nullable())
              .as("required %s.%s is NOT NULL", entity, field.name())
              .isFalse();
        } else if (!field.readOnly()) {
          // an optional field must be clearable by a sync
          softly
              .assertThat(column.nullable())
              .as("optional %s.%s is nullable", entity, field.name())
              .isTrue();
        }
      }
      softly
          .assertThat(columns.keySet())
          .as("columns of %s beyond the catalogue", TgmTables.table(entity))
          .allMatch(c -> fieldColumns.contains(c) || EXTRA_COLUMNS.contains(c));
      softly
          .assertThat(columns.get("updated_at"))
          .as("%s.updated_at", entity)
          .isEqualTo(new Column("timestamp with time zone", false));
      softly
          .assertThat(columns.get("created_at"))
          .as("%s.created_at", entity)
          .isEqualTo(new Column("timestamp with time zone", false));
    }
    softly.assertAll();
  }

  @Test
  void idIsTheBigintPrimaryKey() throws SQLException {
    for (EntityType entity : EntityType.values()) {
      assertThat(
              strings(
                  "SELECT a.attname || ':' || format_type(a.atttypid, a.atttypmod)"
                      + " FROM pg_constraint c JOIN pg_attribute a"
                      + " ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)"
                      + " WHERE c.contype = 'p' AND c.conrelid = ?::regclass",
                  TgmTables.qualifiedTable(entity)))
          .as("primary key of %s", entity)
          .containsExactly("id:bigint");
    }
  }

  @Test
  void everyReferenceIsAForeignKeyToTheReferencedEntitysTable() throws SQLException {
    SoftAssertions softly = new SoftAssertions();
    for (EntityType entity : EntityType.values()) {
      Map<String, ForeignKey> keys = foreignKeys(TgmTables.qualifiedTable(entity));
      Set<String> references = new HashSet<>();
      for (TgmField field : TgmFieldCatalogue.fieldsOf(entity)) {
        if (field.fieldType() != FieldType.REFERENCE) {
          continue;
        }
        String column = TgmTables.column(field.name());
        references.add(column);
        softly
            .assertThat(keys.get(column))
            .as("%s.%s", entity, field.name())
            .isEqualTo(
                new ForeignKey(column, TgmTables.table(field.references()), "id", "RESTRICT"));
      }
      softly
          .assertThat(keys.keySet())
          .as("foreign keys of %s are references of the catalogue", entity)
          .isEqualTo(references);
    }
    softly.assertAll();
  }

  @Test
  void enumChecksListExactlyTheCataloguesValues() throws SQLException {
    SoftAssertions softly = new SoftAssertions();
    for (EntityType entity : EntityType.values()) {
      Map<String, List<List<String>>> checks = valueListChecks(TgmTables.qualifiedTable(entity));
      for (TgmField field : TgmFieldCatalogue.fieldsOf(entity)) {
        List<List<String>> lists = checks.getOrDefault(TgmTables.column(field.name()), List.of());
        if (field.fieldType() == FieldType.ENUM) {
          softly
              .assertThat(lists)
              .as("value checks of %s.%s", entity, field.name())
              .containsExactly(field.enumValues());
        } else {
          softly.assertThat(lists).as("value checks of %s.%s", entity, field.name()).isEmpty();
        }
      }
    }
    softly.assertAll();
  }

  @Test
  void everyTableHasTheKeysetIndexOnUpdatedAtAndId() throws SQLException {
    for (EntityType entity : EntityType.values()) {
      assertThat(
              strings(
                  "SELECT string_agg(a.attname, ',' ORDER BY k.pos)"
                      + " FROM pg_index i"
                      + " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, pos)"
                      + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
                      + " WHERE i.indrelid = ?::regclass GROUP BY i.indexrelid",
                  TgmTables.qualifiedTable(entity)))
          .as("indexes of %s", entity)
          .contains("updated_at,id");
    }
  }

  @Test
  void theMigrationIsRecordedAndTheDemoSeedIsOffByDefault() throws SQLException {
    assertThat(
            strings(
                "SELECT description FROM orchestrator.flyway_schema_history"
                    + " WHERE version = '2' AND success"))
        .containsExactly("tgm schema");
    for (EntityType entity : EntityType.values()) {
      assertThat(strings("SELECT count(*)::text FROM " + TgmTables.qualifiedTable(entity)))
          .as("rows of %s", entity)
          .containsExactly("0");
    }
  }

  private Map<String, Column> columns(String table) throws SQLException {
    Map<String, Column> columns = new HashMap<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT column_name, data_type, is_nullable FROM information_schema.columns"
                    + " WHERE table_schema = 'tgm' AND table_name = ?")) {
      query.setString(1, table);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          columns.put(
              rows.getString(1), new Column(rows.getString(2), "YES".equals(rows.getString(3))));
        }
      }
    }
    return columns;
  }

  private Map<String, ForeignKey> foreignKeys(String table) throws SQLException {
    Map<String, ForeignKey> keys = new HashMap<>();
    String sql =
        "SELECT a.attname, t.relname, ta.attname,"
            + " CASE c.confdeltype WHEN 'r' THEN 'RESTRICT' WHEN 'n' THEN 'SET NULL'"
            + "   WHEN 'c' THEN 'CASCADE' WHEN 'a' THEN 'NO ACTION' ELSE 'SET DEFAULT' END"
            + " FROM pg_constraint c"
            + " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
            + " JOIN pg_class t ON t.oid = c.confrelid"
            + " JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'tgm'"
            + " JOIN pg_attribute ta ON ta.attrelid = c.confrelid AND ta.attnum = c.confkey[1]"
            + " WHERE c.contype = 'f' AND c.conrelid = ?::regclass"
            + " AND cardinality(c.conkey) = 1";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, table);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          ForeignKey key =
              new ForeignKey(
                  rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4));
          assertThat(keys.put(key.column(), key)).as("two foreign keys on " + key).isNull();
        }
      }
    }
    return keys;
  }

  /** Per column, the value lists of its CHECK constraints of the form {@code col IN (...)}. */
  private Map<String, List<List<String>>> valueListChecks(String table) throws SQLException {
    Map<String, List<List<String>>> checks = new HashMap<>();
    String sql =
        "SELECT a.attname, pg_get_constraintdef(c.oid) FROM pg_constraint c"
            + " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
            + " WHERE c.contype = 'c' AND c.conrelid = ?::regclass";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, table);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String definition = rows.getString(2);
          if (!definition.contains("ARRAY[")) {
            continue;
          }
          List<String> values = new ArrayList<>();
          Matcher quoted = QUOTED.matcher(definition);
          while (quoted.find()) {
            values.add(quoted.group(1).replace("''", "'"));
          }
          checks.computeIfAbsent(rows.getString(1), c -> new ArrayList<>()).add(values);
        }
      }
    }
    return checks;
  }

  private List<String> strings(String sql, String... parameters) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        query.setString(i + 1, parameters[i]);
      }
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          values.add(rows.getString(1));
        }
      }
    }
    return values;
  }
}
