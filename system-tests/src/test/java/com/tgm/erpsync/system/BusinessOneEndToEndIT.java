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
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Business One end to end against the sandbox's Service Layer: every service packaged in its own
 * JVM on one database and broker. An admin creates a SAP Business One connection (Basic user and
 * company database), tests it, maps COMPANY to BusinessPartners and runs a full sync of 2,000
 * business partners while the Service Layer drops every session mid-way: the connector logs in
 * again and the counts stay exact. Then 50 companies change in TGM and an incremental sync sends
 * exactly those 50 PATCHes, each in the session's B1SESSION cookie.
 */
@ExtendWith(RealInfrastructureExtension.class)
class BusinessOneEndToEndIT {
  private static final Duration STARTUP = Duration.ofSeconds(120);
  private static final int RECORDS = 2_000;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String token = AdminTokens.admin("e2e-admin");

  @Test
  void fullInboundThroughASessionExpiryThenOutboundIncremental(
      KafkaEndpoint kafka, TestDatabase database) throws Exception {
    List<ServiceProcess> services = new ArrayList<>();
    try (SapSandbox sandbox =
        SapSandbox.start(
            SandboxOptions.builder()
                .equipmentCount(10)
                .eccHttpsPort(-1)
                .businessPartnerCount(RECORDS)
                .build())) {
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

      // a Business One connection, pointed at the sandbox's Service Layer
      String base = sandbox.baseUri().toString();
      HttpResponse<String> created =
          send(
              edge,
              "POST",
              "/api/admin/erp/connections",
              connectionJson(base, SandboxOptions.DEFAULT_B1_PASSWORD));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      long connectionId = JSON.readTree(created.body()).path("id").asLong();

      JsonNode tested = testConnection(edge, connectionId);
      assertThat(tested.path("status").asText()).as(tested.toString()).isEqualTo("success");
      assertThat(tested.path("message").asText())
          .isEqualTo("Successfully connected to SAP Business One");

      HttpResponse<String> wrong =
          send(edge, "POST", "/api/admin/erp/connections", connectionJson(base, "wrong-password"));
      JsonNode failed = testConnection(edge, JSON.readTree(wrong.body()).path("id").asLong());
      assertThat(failed.path("status").asText()).isEqualTo("failure");
      assertThat(failed.path("message").asText()).startsWith("Authentication failed");

      HttpResponse<String> mapping =
          send(edge, "POST", "/api/admin/erp/connections/" + connectionId + "/mappings", MAPPING);
      assertThat(mapping.statusCode()).as(mapping.body()).isEqualTo(201);

      // a full sync; every session ends once the third page has been read
      sandbox.journal().clear();
      AtomicBoolean expired = new AtomicBoolean();
      Thread expirer =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  int pages =
                      sandbox
                          .journal()
                          .count(
                              JournalFilter.all()
                                  .method("GET")
                                  .pathContains("/BusinessPartners")
                                  .status(200));
                  if (pages >= 3) {
                    sandbox.expireB1Sessions();
                    expired.set(true);
                    return;
                  }
                  try {
                    Thread.sleep(5);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "b1-session-expirer");
      expirer.setDaemon(true);
      expirer.start();
      JsonNode full = runSync(edge, connectionId, "full");
      expirer.interrupt();
      assertThat(expired).isTrue();
      assertThat(full.path("status").asText()).as(full.toString()).isEqualTo("COMPLETED");
      assertThat(full.path("errorCount").asLong()).as(full.toString()).isZero();
      assertThat(full.path("successCount").asLong()).isEqualTo(RECORDS);
      assertThat(count(database, "SELECT count(*) FROM tgm.company")).isEqualTo(RECORDS);
      assertThat(count(database, "SELECT count(DISTINCT customer_number) FROM tgm.company"))
          .isEqualTo(RECORDS);
      assertThat(count(database, "SELECT count(*) FROM orchestrator.sync_ledger"))
          .isEqualTo(RECORDS);
      // the expiry was noticed (401) and answered by a new login
      assertThat(sandbox.journal().count(JournalFilter.all().status(401))).isPositive();
      assertThat(sandbox.journal().count(JournalFilter.all().pathContains("/Login").status(200)))
          .isPositive();
      assertThat(sandbox.journal().count(JournalFilter.all().method("PATCH"))).isZero();
      assertThat(
              sandbox
                  .journal()
                  .count(JournalFilter.all().method("POST").pathContains("/BusinessPartners")))
          .isZero();

      // 50 companies changed in TGM, then an incremental sync
      update(
          database,
          "UPDATE tgm.company SET name = name || ' (renamed)', updated_at = clock_timestamp()"
              + " WHERE id IN (SELECT id FROM tgm.company ORDER BY id LIMIT 50)");
      sandbox.journal().clear();
      JsonNode incremental = runSync(edge, connectionId, "incremental");
      assertThat(incremental.path("status").asText())
          .as(incremental.toString())
          .isEqualTo("COMPLETED");
      assertThat(incremental.path("errorCount").asLong()).as(incremental.toString()).isZero();

      List<JournalEntry> writes = sandbox.journal().find(JournalFilter.all().method("PATCH"));
      assertThat(writes).hasSize(50);
      assertThat(writes)
          .allSatisfy(
              write -> {
                assertThat(write.status()).isEqualTo(204);
                assertThat(write.path()).startsWith("/b1s/v1/BusinessPartners('");
                assertThat(write.header("Cookie")).contains("B1SESSION=").contains("ROUTEID=");
                assertThat(write.body()).contains("(renamed)");
              });
      assertThat(writes.stream().map(JournalEntry::path).distinct()).hasSize(50);
      assertThat(
              sandbox
                  .journal()
                  .count(JournalFilter.all().method("POST").pathContains("/BusinessPartners")))
          .isZero();
      assertThat(
              sandbox.store("BusinessPartners").query(List.of(), 0, RECORDS, false).items().stream()
                  .filter(partner -> partner.get("CardName").toString().endsWith("(renamed)"))
                  .count())
          .isEqualTo(50);
    } finally {
      for (ServiceProcess service : services) {
        service.close();
      }
    }
  }

  private static final String MAPPING =
      """
      {"tgmEntityType": "COMPANY", "erpEntityName": "BusinessPartners", "syncEnabled": true,
       "syncDirection": "BIDIRECTIONAL", "conflictResolution": "ERP_WINS", "batchSize": 200,
       "deltaField": "UpdateDate",
       "fieldMappings": [
        {"tgmField": "customerNumber", "erpField": "CardCode", "fieldType": "STRING",
         "syncDirection": "INBOUND", "isKeyField": true},
        {"tgmField": "name", "erpField": "CardName", "fieldType": "STRING",
         "syncDirection": "BIDIRECTIONAL", "required": true},
        {"tgmField": "email", "erpField": "EmailAddress", "fieldType": "STRING",
         "syncDirection": "INBOUND"},
        {"tgmField": "phone", "erpField": "Phone1", "fieldType": "STRING",
         "syncDirection": "INBOUND"},
        {"tgmField": "city", "erpField": "City", "fieldType": "STRING",
         "syncDirection": "INBOUND"},
        {"tgmField": "country", "erpField": "Country", "fieldType": "STRING",
         "syncDirection": "INBOUND"}]}
      """;

  private static String connectionJson(String sandboxBase, String password) {
    return """
    {"name": "Business One %s", "description": "SAP Business One Service Layer",
     "erpType": "SAP_BUSINESS_ONE", "authType": "BASIC",
     "baseUrl": "%s/b1s/v1",
     "username": "%s", "password": "%s",
     "enabled": true, "syncEnabled": true, "syncDirection": "BIDIRECTIONAL",
     "syncIntervalMinutes": 60, "webhookEnabled": false,
     "connectionSettings": {"companyDb": "%s"}}
    """
        .formatted(
            password,
            sandboxBase,
            SandboxOptions.DEFAULT_B1_USER,
            password,
            SandboxOptions.DEFAULT_B1_COMPANY_DB);
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
