package com.tgm.erpsync.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.sandbox.core.SandboxOptions;
import com.tgm.erpsync.sandbox.core.SapSandbox;
import com.tgm.erpsync.sandbox.core.journal.JournalEntry;
import com.tgm.erpsync.sandbox.core.journal.JournalFilter;
import com.tgm.erpsync.testsupport.AdminTokens;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.RealInfrastructureExtension;
import com.tgm.erpsync.testsupport.ServiceProcess;
import com.tgm.erpsync.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The guide end to end against the SAP sandbox: every service packaged in its own JVM on one
 * database and broker, the S/4HANA simulator answering over HTTP. An admin creates the guide's
 * S/4HANA connection (OAuth 2.0 client credentials), tests it, maps UNIT to Equipment, runs a full
 * sync of 10,000 equipment records into TGM, changes 100 units in TGM and runs an incremental sync:
 * SAP receives exactly those 100 writes, each with a CSRF token and the record's ETag.
 */
@ExtendWith(RealInfrastructureExtension.class)
class SapEndToEndIT {
  private static final Duration STARTUP = Duration.ofSeconds(120);
  private static final int RECORDS = 10_000;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String token = AdminTokens.admin("e2e-admin");

  @Test
  void fullInboundThenOutboundIncrementalThroughTheAdminApi(
      KafkaEndpoint kafka, TestDatabase database) throws Exception {
    List<ServiceProcess> services = new ArrayList<>();
    try (SapSandbox sandbox =
        SapSandbox.start(SandboxOptions.builder().equipmentCount(RECORDS).build())) {
      Map<String, String> env = environment(kafka, database);
      for (String module : List.of("mapping-service", "sync-orchestrator", "connector-sap")) {
        services.add(ServiceProcess.start(module, env));
      }
      for (ServiceProcess service : services) {
        service.awaitReady(STARTUP);
      }
      Map<String, String> edgeEnv = new java.util.HashMap<>(env);
      edgeEnv.put("MAPPING_SERVICE_URL", "http://localhost:" + services.get(0).port());
      edgeEnv.put("SYNC_ORCHESTRATOR_URL", "http://localhost:" + services.get(1).port());
      ServiceProcess connectionService = ServiceProcess.start("connection-service", edgeEnv);
      services.add(connectionService);
      connectionService.awaitReady(STARTUP);
      String edge = "http://localhost:" + connectionService.port();

      // Step 1: the guide's S/4HANA connection, pointed at the sandbox
      String base = sandbox.baseUri().toString();
      HttpResponse<String> created =
          send(edge, "POST", "/api/admin/erp/connections", connectionJson(base, "tgm-sync-secret"));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      long connectionId = JSON.readTree(created.body()).path("id").asLong();

      JsonNode tested = testConnection(edge, connectionId);
      assertThat(tested.path("status").asText()).as(tested.toString()).isEqualTo("success");
      assertThat(tested.path("message").asText())
          .isEqualTo("Successfully connected to SAP S/4HANA");

      HttpResponse<String> wrong =
          send(edge, "POST", "/api/admin/erp/connections", connectionJson(base, "wrong-secret"));
      JsonNode failed = testConnection(edge, JSON.readTree(wrong.body()).path("id").asLong());
      assertThat(failed.path("status").asText()).isEqualTo("failure");
      assertThat(failed.path("message").asText()).startsWith("Authentication failed");

      // Step 2: UNIT <-> Equipment
      HttpResponse<String> mapping =
          send(edge, "POST", "/api/admin/erp/connections/" + connectionId + "/mappings", MAPPING);
      assertThat(mapping.statusCode()).as(mapping.body()).isEqualTo(201);

      // a full sync: 10,000 equipment records become 10,000 units
      JsonNode full = runSync(edge, connectionId, "full");
      assertThat(full.path("status").asText()).as(full.toString()).isEqualTo("COMPLETED");
      assertThat(full.path("errorCount").asLong()).as(full.toString()).isZero();
      assertThat(full.path("successCount").asLong()).isEqualTo(RECORDS);
      assertThat(count(database, "SELECT count(*) FROM tgm.unit")).isEqualTo(RECORDS);
      assertThat(count(database, "SELECT count(*) FROM orchestrator.sync_ledger"))
          .isEqualTo(RECORDS);
      // an inbound sync reads: no write reached SAP (the token endpoint's POSTs aside)
      assertThat(sandbox.journal().count(JournalFilter.all().method("POST").pathContains("/odata")))
          .isZero();
      assertThat(sandbox.journal().count(JournalFilter.all().method("PATCH"))).isZero();

      // 100 units changed in TGM, then an incremental sync
      update(
          database,
          "UPDATE tgm.unit SET name = name || ' (overhauled)'"
              + " WHERE id IN (SELECT id FROM tgm.unit ORDER BY id LIMIT 100)");
      sandbox.journal().clear();
      JsonNode incremental = runSync(edge, connectionId, "incremental");
      assertThat(incremental.path("status").asText())
          .as(incremental.toString())
          .isEqualTo("COMPLETED");
      assertThat(incremental.path("errorCount").asLong()).as(incremental.toString()).isZero();

      List<JournalEntry> writes =
          sandbox.journal().find(JournalFilter.all().method("PATCH").withoutBatchParts());
      assertThat(writes).hasSize(100);
      assertThat(writes)
          .allSatisfy(
              write -> {
                assertThat(write.status()).isEqualTo(204);
                assertThat(write.header("X-CSRF-Token")).isNotBlank().isNotEqualTo("Fetch");
                assertThat(write.header("If-Match")).isNotBlank();
                assertThat(write.header("Authorization")).isEqualTo("Bearer");
                assertThat(write.body()).contains("(overhauled)");
              });
      assertThat(writes.stream().map(JournalEntry::path).distinct()).hasSize(100);
      assertThat(
              sandbox.journal().count(JournalFilter.all().method("POST").pathContains("Equipment")))
          .isZero();
    } finally {
      for (ServiceProcess service : services) {
        service.close();
      }
    }
  }

  private static final String MAPPING =
      """
      {"tgmEntityType": "UNIT", "erpEntityName": "Equipment", "syncEnabled": true,
       "syncDirection": "BIDIRECTIONAL", "conflictResolution": "ERP_WINS", "batchSize": 1000,
       "deltaField": "LastChangeDateTime",
       "fieldMappings": [
        {"tgmField": "serialNumber", "erpField": "ManufacturerSerialNumber", "fieldType": "STRING",
         "syncDirection": "INBOUND", "isKeyField": true},
        {"tgmField": "name", "erpField": "EquipmentName", "fieldType": "STRING",
         "syncDirection": "BIDIRECTIONAL", "required": true},
        {"tgmField": "manufacturer", "erpField": "ManufacturerName", "fieldType": "STRING",
         "syncDirection": "INBOUND"},
        {"tgmField": "model", "erpField": "ManufacturerPartTypeName", "fieldType": "STRING",
         "syncDirection": "INBOUND"}]}
      """;

  private static String connectionJson(String sandboxBase, String secret) {
    return """
    {"name": "Production SAP %s", "description": "Main SAP S/4HANA system",
     "erpType": "SAP_S4HANA", "authType": "OAUTH2",
     "baseUrl": "%s/sap/opu/odata4/sap",
     "clientId": "tgm-sync", "clientSecret": "%s",
     "sapClient": "100", "sapSystemId": "S4H", "sapLanguage": "EN",
     "enabled": true, "syncEnabled": true, "syncDirection": "BIDIRECTIONAL",
     "syncIntervalMinutes": 60, "webhookEnabled": false,
     "connectionSettings": {"oauthTokenUrl": "%s/sap/bc/sec/oauth2/token"}}
    """
        .formatted(secret, sandboxBase, secret, sandboxBase);
  }

  private JsonNode testConnection(String edge, long connectionId) throws Exception {
    HttpResponse<String> response =
        send(edge, "POST", "/api/admin/erp/connections/" + connectionId + "/test", null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private JsonNode runSync(String edge, long connectionId, String kind) throws Exception {
    HttpResponse<String> started =
        send(edge, "POST", "/api/admin/erp/connections/" + connectionId + "/sync/" + kind, null);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    long jobId = JSON.readTree(started.body()).path("id").asLong();
    JsonNode[] job = new JsonNode[1];
    await(kind + " sync " + jobId)
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              job[0] =
                  JSON.readTree(
                      send(edge, "GET", "/api/admin/erp/sync-jobs/" + jobId, null).body());
              String status = job[0].path("status").asText();
              return !status.equals("RUNNING") && !status.equals("PENDING");
            });
    // the detail (the job with its errorLogs) says why, should an assertion fail
    return JSON.readTree(
        send(edge, "GET", "/api/admin/erp/sync-jobs/" + jobId + "/detail", null).body());
  }

  private static Map<String, String> environment(KafkaEndpoint kafka, TestDatabase database) {
    Map<String, String> env = CrossServiceMessagingIT.env(kafka, database);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    env.put("TGM_CREDENTIALS_KEYS", "e2e-1:" + Base64.getEncoder().encodeToString(key));
    env.put("TGM_CREDENTIALS_CURRENT_KEY", "e2e-1");
    return env;
  }

  private HttpResponse<String> send(String base, String method, String path, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static long count(TestDatabase database, String sql) throws Exception {
    try (Connection connection = database.connect();
        PreparedStatement select = connection.prepareStatement(sql);
        ResultSet row = select.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  private static void update(TestDatabase database, String sql) throws Exception {
    try (Connection connection = database.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.executeUpdate();
    }
  }
}
