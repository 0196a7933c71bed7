package com.tgm.erpsync.orchestrator.tgm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.TgmField;
import com.tgm.erpsync.contracts.TgmFieldCatalogue;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Loads the demo data set {@value #RESOURCE} (companies, sites, equipment, work orders, invoices
 * with consistent references) into the TGM tables when {@code orchestrator.tgm.seed-demo} is on and
 * every TGM table is empty. An advisory lock makes concurrent replicas load it once, and a restart
 * finds the tables filled and leaves them alone.
 *
 * <p>The file lists records per entity, parents first. A record's {@code $key} names it within its
 * entity; a REFERENCE field written as {@code "@key"} is the id that record got.
 */
@ApplicationScoped
public class TgmDemoSeed {
  static final String RESOURCE = "tgm/demo-data.json";

  /** pg_advisory_xact_lock key of the seed ("tgm seed" in ASCII). */
  private static final long LOCK = 0x74676d2073656564L;

  private final TgmStore store;
  private final AgroalDataSource dataSource;
  private final TgmConfig config;

  public TgmDemoSeed(TgmStore store, AgroalDataSource dataSource, TgmConfig config) {
    this.store = store;
    this.dataSource = dataSource;
    this.config = config;
  }

  void onStart(@Observes StartupEvent event) {
    if (config.seedDemo()) {
      seedIfEmpty();
    }
  }

  /**
   * Loads the demo data in a transaction of its own when every TGM table is empty.
   *
   * @return how many records were loaded per entity; empty when TGM already held records
   */
  public Map<EntityType, Integer> seedIfEmpty() {
    return QuarkusTransaction.requiringNew().call(this::loadUnderLock);
  }

  private Map<EntityType, Integer> loadUnderLock() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement lock =
          connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        lock.setLong(1, LOCK);
        lock.execute();
      }
      for (EntityType entity : EntityType.values()) {
        if (hasRows(connection, entity)) {
          Log.infof(
              "ErpSync TGM demo data not loaded: %s already holds records",
              TgmTables.qualifiedTable(entity));
          return Map.of();
        }
      }
    }
    Map<EntityType, Integer> loaded = load(read());
    Log.infof("ErpSync TGM demo data loaded: %s", loaded);
    return loaded;
  }

  private static boolean hasRows(Connection connection, EntityType entity) throws SQLException {
    String sql = "SELECT EXISTS (SELECT 1 FROM " + TgmTables.qualifiedTable(entity) + ")";
    try (PreparedStatement query = connection.prepareStatement(sql);
        ResultSet rows = query.executeQuery()) {
      rows.next();
      return rows.getBoolean(1);
    }
  }

  private static JsonNode read() {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("demo data " + RESOURCE + " is not on the classpath");
      }
      return TgmValues.JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read demo data " + RESOURCE, e);
    }
  }

  private Map<EntityType, Integer> load(JsonNode data) {
    Map<EntityType, Map<String, Long>> ids = new EnumMap<>(EntityType.class);
    Map<EntityType, Integer> counts = new EnumMap<>(EntityType.class);
    Iterator<Map.Entry<String, JsonNode>> entities = data.fields();
    while (entities.hasNext()) {
      Map.Entry<String, JsonNode> section = entities.next();
      EntityType entity = EntityType.valueOf(section.getKey());
      Map<String, Long> keys = ids.computeIfAbsent(entity, e -> new HashMap<>());
      for (JsonNode record : section.getValue()) {
        ObjectNode values = ((ObjectNode) record).deepCopy();
        String key = values.path("$key").asText(null);
        values.remove("$key");
        resolveReferences(entity, key, values, ids);
        long id = store.insert(entity, values);
        if (key != null && keys.put(key, id) != null) {
          throw new IllegalStateException("demo data: two " + entity + " records with key " + key);
        }
      }
      counts.merge(entity, section.getValue().size(), Integer::sum);
    }
    return counts;
  }

  private static void resolveReferences(
      EntityType entity, String key, ObjectNode values, Map<EntityType, Map<String, Long>> ids) {
    for (TgmField field : TgmFieldCatalogue.fieldsOf(entity)) {
      JsonNode value = values.get(field.name());
      if (field.fieldType() != FieldType.REFERENCE || value == null || !value.isTextual()) {
        continue;
      }
      String target = value.textValue().replaceFirst("^@", "");
      Long id = ids.getOrDefault(field.references(), Map.of()).get(target);
      if (id == null) {
        throw new IllegalStateException(
            "demo data: "
                + entity
                + " "
                + key
                + " refers to "
                + field.references()
                + " "
                + target
                + ", which is not listed before it");
      }
      values.set(field.name(), LongNode.valueOf(id));
    }
  }
}
