package com.tgm.erpsync.mapping;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.mapping.messaging.ConnectionTable;
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

/** What the mapping-service tests share: the guide's body, admin calls, connections on Kafka. */
final class Mappings {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String API = "/api/admin/erp";

  /** The guide's Step 2 body, as written. */
  static final String GUIDE_STEP_2 =
      """
      {
      "tgmEntityType": "UNIT",
      "erpEntityName": "Equipment",
      "syncEnabled": true,
      "syncDirection": "BIDIRECTIONAL",
      "conflictResolution": "ERP_WINS",
      "batchSize": 100,
      "fieldMappings": [
      {
      "tgmField": "name",
      "erpField": "Description",
      "fieldType": "STRING",
      "syncDirection": "BIDIRECTIONAL",
      "required": true
      },
      {
      "tgmField": "serialNumber",
      "erpField": "SerialNumber",
      "fieldType": "STRING",
      "syncDirection": "INBOUND",
      "isKeyField": true
      },
      {
      "tgmField": "manufacturer",
      "erpField": "ManufacturerName",
      "fieldType": "STRING",
      "syncDirection": "INBOUND"
      }
      ]
      }
      """;

  /** A smallest valid mapping of a company: one key field, every default. */
  static final String COMPANY =
      """
      {"tgmEntityType": "COMPANY", "erpEntityName": "BusinessPartner",
       "fieldMappings": [{"tgmField": "customerNumber", "erpField": "BusinessPartner",
                          "isKeyField": true}]}
      """;

  private Mappings() {}

  static RequestSpecification admin() {
    return given().auth().oauth2(AdminTokens.admin("alice")).contentType("application/json");
  }

  static String connectionMappings(long connectionId) {
    return API + "/connections/" + connectionId + "/mappings";
  }

  static String mapping(long mappingId) {
    return API + "/mappings/" + mappingId;
  }

  /** Creates the mapping and returns its id. */
  static long create(long connectionId, String body) {
    return admin()
        .body(body)
        .post(connectionMappings(connectionId))
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  /** The guide's body with one more field mapping, which becomes fieldMappings[3]. */
  static String guideWithField(String fieldMapping) {
    int end = GUIDE_STEP_2.lastIndexOf(']');
    return GUIDE_STEP_2.substring(0, end) + "," + fieldMapping + "\n" + GUIDE_STEP_2.substring(end);
  }

  /** A connection id no other test uses. */
  static long freshConnectionId() {
    return ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000);
  }

  /** Publishes a connection's snapshot, as connection-service does, and waits until it is known. */
  static long connectionExists(ConnectionTable table, long connectionId) throws Exception {
    send(connectionId, snapshot(connectionId));
    assertThat(table.awaitKnown(connectionId, WAIT))
        .as("connection %d known", connectionId)
        .isTrue();
    return connectionId;
  }

  static void connectionDeleted(long connectionId) {
    send(connectionId, null);
  }

  static void send(long connectionId, String value) {
    try (TestProducer producer = new TestProducer(TestInfrastructure.kafka())) {
      producer.send(Topics.CONNECTIONS, Topics.connectionKey(connectionId), value);
    }
  }

  static String snapshot(long connectionId) {
    return """
    {"type": "ConnectionSnapshot",
     "meta": {"schemaVersion": 1, "messageId": "%s", "correlationId": "connection-%d-v1",
              "occurredAt": "%s"},
     "id": %d, "name": "Test SAP %d", "erpType": "SAP_S4HANA", "authType": "OAUTH2",
     "baseUrl": "https://sap.example.com/sap/opu/odata4/sap", "enabled": true,
     "syncEnabled": true, "syncDirection": "BIDIRECTIONAL", "syncIntervalMinutes": 60,
     "webhookEnabled": false, "connectionSettings": {}, "secrets": {}, "maxRetries": 3,
     "retryDelaySeconds": 30, "rateLimitRequests": 100, "rateLimitPeriodSeconds": 60,
     "maxConcurrentRequests": 4, "version": 1, "updatedAt": "%s"}
    """
        .formatted(
            UUID.randomUUID(),
            connectionId,
            Instant.now(),
            connectionId,
            connectionId,
            Instant.now());
  }

  static long rows(DataSource dataSource, String sql) throws Exception {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  static long mappingRows(DataSource dataSource) throws Exception {
    return rows(dataSource, "SELECT count(*) FROM entity_mapping");
  }
}
