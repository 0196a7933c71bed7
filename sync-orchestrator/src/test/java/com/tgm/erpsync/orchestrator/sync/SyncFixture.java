package com.tgm.erpsync.orchestrator.sync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.contracts.AuthType;
import com.tgm.erpsync.contracts.ConflictResolution;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.contracts.snapshot.FieldMappingSpec;
import com.tgm.erpsync.contracts.snapshot.MappingSnapshot;
import com.tgm.erpsync.orchestrator.directory.ConnectionDirectory;
import com.tgm.erpsync.orchestrator.directory.MappingDirectory;
import com.tgm.erpsync.testsupport.AdminTokens;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TestProducer;
import com.tgm.erpsync.testsupport.connector.ContractJson;
import com.tgm.erpsync.testsupport.connector.ScriptedConnector;
import com.tgm.erpsync.testsupport.connector.ScriptedErp;
import io.agroal.api.AgroalDataSource;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * What the driver's tests share: connections and mappings published where the orchestrator reads
 * them (erp.connections, erp.mappings), a scripted connector on the real broker, jobs started and
 * read through the orchestrator's own API, and SQL on its database.
 */
final class SyncFixture {
  static final Duration WAIT = Duration.ofSeconds(90);

  private static ScriptedErp erp;
  private static ScriptedConnector connector;

  private final AgroalDataSource dataSource;
  private final ConnectionDirectory connections;
  private final MappingDirectory mappings;
  private final ObjectMapper mapper;

  SyncFixture(
      AgroalDataSource dataSource,
      ConnectionDirectory connections,
      MappingDirectory mappings,
      ObjectMapper mapper) {
    this.dataSource = dataSource;
    this.connections = connections;
    this.mappings = mappings;
    this.mapper = mapper;
  }

  /** The connector of the test class, started on first use; it answers commands sent from then. */
  static synchronized ScriptedConnector connector() {
    if (connector == null) {
      erp = new ScriptedErp();
      connector =
          ScriptedConnector.builder(TestInfrastructure.kafka(), erp)
              .answerCommandsSentSince(Instant.now().minusSeconds(5))
              .start();
    }
    return connector;
  }

  static synchronized ScriptedErp erp() {
    connector();
    return erp;
  }

  static synchronized void stopConnector() {
    if (connector != null) {
      connector.close();
      connector = null;
      erp = null;
    }
  }

  /** Ids no other test (class) on the shared broker uses. */
  static long newId() {
    return ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000_000L);
  }

  /** Publishes an enabled SAP S/4HANA connection syncing {@code direction}; waits until known. */
  long connection(SyncDirection direction) {
    long id = newId();
    ConnectionSnapshot snapshot =
        new ConnectionSnapshot(
            MessageMeta.create("test"),
            id,
            "Production SAP " + id,
            "scripted",
            ErpType.SAP_S4HANA,
            AuthType.OAUTH2,
            "https://sap.example.com",
            true,
            true,
            direction,
            60,
            false,
            "client",
            null,
            "100",
            "PRD",
            "00",
            "EN",
            null,
            null,
            null,
            null,
            null,
            Map.of(),
            Map.of(),
            3,
            1,
            100,
            60,
            5,
            1,
            Instant.now());
    publish(Topics.CONNECTIONS, id, ContractJson.write(snapshot));
    await("connection " + id + " known", () -> connections.find(id).isPresent());
    return id;
  }

  /**
   * Publishes a UNIT mapping to ERP entity Equipment: Equipment (key) is the unit's serial number,
   * Description its name (required both ways), Manufacturer and Model plain text.
   */
  MappingSnapshot unitMapping(long connectionId, SyncDirection direction, int batchSize) {
    List<FieldMappingSpec> fields = new ArrayList<>();
    fields.add(field("serialNumber", "Equipment", true, true));
    fields.add(field("name", "Description", true, false));
    fields.add(field("manufacturer", "Manufacturer", false, false));
    fields.add(field("model", "Model", false, false));
    return mapping(connectionId, EntityType.UNIT, "Equipment", direction, batchSize, fields);
  }

  /** {@link #unitMapping} settling records changed on both sides by {@code strategy}. */
  MappingSnapshot unitMapping(
      long connectionId, SyncDirection direction, int batchSize, ConflictResolution strategy) {
    List<FieldMappingSpec> fields = new ArrayList<>();
    fields.add(field("serialNumber", "Equipment", true, true));
    fields.add(field("name", "Description", true, false));
    fields.add(field("manufacturer", "Manufacturer", false, false));
    fields.add(field("model", "Model", false, false));
    return mapping(
        connectionId, EntityType.UNIT, "Equipment", direction, batchSize, fields, strategy);
  }

  MappingSnapshot mapping(
      long connectionId,
      EntityType entity,
      String erpEntity,
      SyncDirection direction,
      int batchSize,
      List<FieldMappingSpec> fields) {
    return mapping(
        connectionId, entity, erpEntity, direction, batchSize, fields, ConflictResolution.ERP_WINS);
  }

  MappingSnapshot mapping(
      long connectionId,
      EntityType entity,
      String erpEntity,
      SyncDirection direction,
      int batchSize,
      List<FieldMappingSpec> fields,
      ConflictResolution strategy) {
    long id = newId();
    MappingSnapshot snapshot =
        new MappingSnapshot(
            MessageMeta.create("test"),
            id,
            connectionId,
            entity,
            erpEntity,
            true,
            direction,
            strategy,
            batchSize,
            "LastChangeDateTime",
            null,
            fields,
            1,
            Instant.now());
    publish(Topics.MAPPINGS, id, ContractJson.write(snapshot));
    await("mapping " + id + " known", () -> mappings.find(id).isPresent());
    return snapshot;
  }

  static FieldMappingSpec field(String tgm, String erp, boolean required, boolean key) {
    return new FieldMappingSpec(
        tgm,
        erp,
        FieldType.STRING,
        SyncDirection.BIDIRECTIONAL,
        required,
        key,
        null,
        null,
        null,
        null);
  }

  private static void publish(String topic, long id, String json) {
    try (TestProducer producer = new TestProducer(TestInfrastructure.kafka())) {
      producer.send(topic, Long.toString(id), json);
    }
  }

  // ------------------------------------------------------------------------------------ the API

  long startFull(long connectionId) {
    return start("/api/admin/erp/connections/" + connectionId + "/sync/full");
  }

  long startIncremental(long connectionId) {
    return start("/api/admin/erp/connections/" + connectionId + "/sync/incremental");
  }

  long startSingle(long connectionId, EntityType entity, String recordId, String direction) {
    return start(
        "/api/admin/erp/connections/"
            + connectionId
            + "/sync/entity?entityType="
            + entity
            + "&recordId="
            + recordId
            + "&direction="
            + direction);
  }

  long retry(long jobId, boolean failedRecordsOnly) {
    return start(
        "/api/admin/erp/sync-jobs/" + jobId + "/retry?failedRecordsOnly=" + failedRecordsOnly);
  }

  private long start(String path) {
    Response response = given().auth().oauth2(AdminTokens.admin("alice")).post(path);
    assertThat(response.statusCode()).as(path + ": " + response.asString()).isBetween(200, 201);
    return response.jsonPath().getLong("id");
  }

  void cancel(long jobId) {
    given()
        .auth()
        .oauth2(AdminTokens.admin("alice"))
        .post("/api/admin/erp/sync-jobs/" + jobId + "/cancel")
        .then()
        .statusCode(200);
  }

  JsonNode job(long jobId) {
    String body =
        given()
            .auth()
            .oauth2(AdminTokens.admin("alice"))
            .get("/api/admin/erp/sync-jobs/" + jobId)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    try {
      return mapper.readTree(body);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  JsonNode detail(long jobId) {
    String body =
        given()
            .auth()
            .oauth2(AdminTokens.admin("alice"))
            .get("/api/admin/erp/sync-jobs/" + jobId + "/detail?errorsSize=1000")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    try {
      return mapper.readTree(body);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  /** Waits until the job has left RUNNING and returns it. */
  JsonNode awaitEnd(long jobId) {
    return awaitJob(jobId, job -> !"RUNNING".equals(job.path("status").asText()));
  }

  JsonNode awaitJob(long jobId, Predicate<JsonNode> condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonNode job = job(jobId);
    while (!condition.test(job)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("job " + jobId + " did not get there in " + WAIT + ": " + job);
      }
      sleep(200);
      job = job(jobId);
    }
    return job;
  }

  // ------------------------------------------------------------------------------------ SQL

  long count(String sql, Object... args) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        select.setObject(i + 1, args[i]);
      }
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  List<List<Object>> rows(String sql, Object... args) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        select.setObject(i + 1, args[i]);
      }
      List<List<Object>> rows = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        int columns = row.getMetaData().getColumnCount();
        while (row.next()) {
          List<Object> values = new ArrayList<>();
          for (int c = 1; c <= columns; c++) {
            values.add(row.getObject(c));
          }
          rows.add(values);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  int execute(String sql, Object... args) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  static void await(String what, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      sleep(100);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
