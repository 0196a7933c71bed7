package com.tgm.erpsync.orchestrator.jobs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.orchestrator.directory.ConnectionDirectory;
import com.tgm.erpsync.orchestrator.directory.MappingDirectory;
import com.tgm.erpsync.testsupport.AdminTokens;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TestProducer;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * What the orchestrator's tests share: connections and mappings published on Kafka as
 * connection-service and mapping-service publish them, admin calls, and row counts. Every test
 * class of the module shares one broker, so each test uses ids of its own.
 */
public final class SyncFixtures {
  public static final Duration WAIT = Duration.ofSeconds(30);
  public static final String API = "/api/admin/erp";

  private SyncFixtures() {}

  public static RequestSpecification admin() {
    return given().auth().oauth2(AdminTokens.admin("alice"));
  }

  /** An id (of a connection or a mapping) no other test uses. */
  public static long freshId() {
    return ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000);
  }

  /** A connection as it is published, with what matters for jobs; settable through the fields. */
  public static final class ConnectionSpec {
    final long id;
    String name;
    boolean enabled = true;
    boolean syncEnabled = true;
    String direction = "BIDIRECTIONAL";
    long version = 1;

    ConnectionSpec(long id) {
      this.id = id;
      this.name = "Test SAP " + id;
    }

    public ConnectionSpec name(String value) {
      name = value;
      return this;
    }

    public ConnectionSpec enabled(boolean value) {
      enabled = value;
      return this;
    }

    public ConnectionSpec syncEnabled(boolean value) {
      syncEnabled = value;
      return this;
    }

    public ConnectionSpec direction(String value) {
      direction = value;
      return this;
    }

    public ConnectionSpec version(long value) {
      version = value;
      return this;
    }

    String json() {
      return """
      {"type": "ConnectionSnapshot",
       "meta": {"schemaVersion": 1, "messageId": "%s", "correlationId": "connection-%d-v%d",
                "occurredAt": "%s"},
       "id": %d, "name": "%s", "erpType": "SAP_S4HANA", "authType": "OAUTH2",
       "baseUrl": "https://sap.example.com/sap/opu/odata4/sap", "enabled": %s,
       "syncEnabled": %s, "syncDirection": "%s", "syncIntervalMinutes": 60,
       "webhookEnabled": false, "clientId": "tgm-client", "connectionSettings": {},
       "secrets": {"clientSecret": {"keyId": "k1", "algorithm": "AES-256-GCM",
                                    "iv": "aXYtaXYtaXYtaXY=", "ciphertext": "c2VjcmV0LXNlY3JldA=="}},
       "maxRetries": 3, "retryDelaySeconds": 30, "rateLimitRequests": 100,
       "rateLimitPeriodSeconds": 60, "maxConcurrentRequests": 4, "version": %d,
       "updatedAt": "%s"}
      """
          .formatted(
              UUID.randomUUID(),
              id,
              version,
              Instant.now(),
              id,
              name,
              enabled,
              syncEnabled,
              direction,
              version,
              Instant.now());
    }
  }

  /** A mapping as it is published; settable through the fields. */
  public static final class MappingSpec {
    final long id;
    final long connectionId;
    final String entity;
    String erpEntityName;
    boolean syncEnabled = true;
    String direction = "BIDIRECTIONAL";
    long version = 1;

    MappingSpec(long id, long connectionId, String entity) {
      this.id = id;
      this.connectionId = connectionId;
      this.entity = entity;
      this.erpEntityName = entity.charAt(0) + entity.substring(1).toLowerCase() + "Set";
    }

    public MappingSpec syncEnabled(boolean value) {
      syncEnabled = value;
      return this;
    }

    public MappingSpec direction(String value) {
      direction = value;
      return this;
    }

    public MappingSpec version(long value) {
      version = value;
      return this;
    }

    public MappingSpec erpEntityName(String value) {
      erpEntityName = value;
      return this;
    }

    String json() {
      return """
      {"type": "MappingSnapshot",
       "meta": {"schemaVersion": 1, "messageId": "%s", "correlationId": "mapping-%d-v%d",
                "occurredAt": "%s"},
       "id": %d, "connectionId": %d, "tgmEntityType": "%s", "erpEntityName": "%s",
       "syncEnabled": %s, "syncDirection": "%s", "conflictResolution": "ERP_WINS",
       "batchSize": 100, "deltaField": null, "filter": null,
       "fieldMappings": [{"tgmField": "name", "erpField": "Description", "fieldType": "STRING",
                          "syncDirection": "%s", "required": true, "isKeyField": true}],
       "version": %d, "updatedAt": "%s"}
      """
          .formatted(
              UUID.randomUUID(),
              id,
              version,
              Instant.now(),
              id,
              connectionId,
              entity,
              erpEntityName,
              syncEnabled,
              direction,
              direction,
              version,
              Instant.now());
    }
  }

  public static ConnectionSpec connection(long id) {
    return new ConnectionSpec(id);
  }

  public static MappingSpec mapping(long id, long connectionId, String entity) {
    return new MappingSpec(id, connectionId, entity);
  }

  /** Publishes the connection and waits until the directory holds this version of it. */
  public static long publish(ConnectionDirectory directory, ConnectionSpec spec) {
    send(Topics.CONNECTIONS, spec.id, spec.json());
    await(
        () -> directory.find(spec.id).filter(c -> c.version() == spec.version).isPresent(),
        "connection " + spec.id + " v" + spec.version + " known");
    return spec.id;
  }

  /** Publishes the mapping and waits until the directory holds this version of it. */
  public static long publish(MappingDirectory directory, MappingSpec spec) {
    send(Topics.MAPPINGS, spec.id, spec.json());
    await(
        () -> directory.find(spec.id).filter(m -> m.version() == spec.version).isPresent(),
        "mapping " + spec.id + " v" + spec.version + " known");
    return spec.id;
  }

  /** A connection that can sync with a BIDIRECTIONAL mapping of UNIT; returns its id. */
  public static long syncableConnection(
      ConnectionDirectory connections, MappingDirectory mappings) {
    long connection = publish(connections, connection(freshId()));
    publish(mappings, mapping(freshId(), connection, "UNIT"));
    return connection;
  }

  public static void deleteConnection(ConnectionDirectory directory, long connectionId) {
    send(Topics.CONNECTIONS, connectionId, null);
    await(() -> directory.find(connectionId).isEmpty(), "connection " + connectionId + " gone");
  }

  public static void deleteMapping(MappingDirectory directory, long mappingId) {
    send(Topics.MAPPINGS, mappingId, null);
    await(() -> directory.find(mappingId).isEmpty(), "mapping " + mappingId + " gone");
  }

  public static void send(String topic, long key, String value) {
    try (TestProducer producer = new TestProducer(TestInfrastructure.kafka())) {
      producer.send(topic, Long.toString(key), value);
    }
  }

  public static void await(Check condition, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    try {
      while (!condition.holds()) {
        assertThat(System.nanoTime()).as("waited for %s", what).isLessThan(deadline);
        Thread.sleep(50);
      }
    } catch (Exception e) {
      throw new AssertionError("while waiting for " + what, e);
    }
  }

  public static long count(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    } catch (Exception e) {
      throw new AssertionError(sql, e);
    }
  }

  public static String text(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      return result.next() ? result.getString(1) : null;
    } catch (Exception e) {
      throw new AssertionError(sql, e);
    }
  }

  public static void execute(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (Exception e) {
      throw new AssertionError(sql, e);
    }
  }

  /**
   * A job row written straight into the table, as the job driver would leave it: the driver only
   * drives jobs it is told of and active ones, so a finished job written here stays as written.
   */
  public static JobRow job(long connectionId, String type, String status) {
    return new JobRow(connectionId, type, status);
  }

  /** Columns of a job row to insert; SQL expressions as values. */
  public static final class JobRow {
    private final java.util.Map<String, String> columns = new java.util.LinkedHashMap<>();

    JobRow(long connectionId, String type, String status) {
      columns.put("connection_id", Long.toString(connectionId));
      columns.put("connection_name", "'Production SAP'");
      columns.put("job_type", "'" + type + "'");
      columns.put("direction", "'BIDIRECTIONAL'");
      columns.put("status", "'" + status + "'");
      columns.put("triggered_by", "'schedule'");
      columns.put("started_at", "now() - interval '1 minute'");
      if (!status.equals("RUNNING") && !status.equals("PENDING")) {
        columns.put("completed_at", "now()");
      }
    }

    /** Sets a column to an SQL expression ({@code 'text'}, {@code 42}, {@code now()}). */
    public JobRow set(String column, String sql) {
      columns.put(column, sql);
      return this;
    }

    public long insert(DataSource dataSource) {
      return count(
          dataSource,
          "INSERT INTO sync_job ("
              + String.join(", ", columns.keySet())
              + ") VALUES ("
              + String.join(", ", columns.values())
              + ") RETURNING id");
    }
  }

  /** Every job, task and error log row, to show a refused request created nothing. */
  public static long jobRows(DataSource dataSource) {
    return count(dataSource, "SELECT count(*) FROM sync_job")
        + count(dataSource, "SELECT count(*) FROM sync_job_task");
  }

  /** A condition a test waits for. */
  @FunctionalInterface
  public interface Check {
    boolean holds() throws Exception;
  }
}
