package com.tgm.erpsync.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.testsupport.AdminTokens;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.RealInfrastructureExtension;
import com.tgm.erpsync.testsupport.ServiceProcess;
import com.tgm.erpsync.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The guide's Configuration steps against the packaged services, each in its own JVM on one
 * database (schemas connection and mapping): Step 1 creates a connection on connection-service,
 * whose snapshot reaches mapping-service over erp.connections; Step 2, sent to connection-service's
 * edge as the guide writes it, is relayed to mapping-service, which stores the mapping; a preview
 * of the mapping on a sample record goes the same way.
 */
@ExtendWith(RealInfrastructureExtension.class)
class MappingThroughEdgeIT {
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The guide's Step 1 body, as written. */
  private static final String GUIDE_STEP_1 =
      """
      {
      "name": "Production SAP",
      "description": "Main SAP S/4HANA system",
      "erpType": "SAP_S4HANA",
      "authType": "OAUTH2",
      "baseUrl": "https://my-sap-system.example.com/sap/opu/odata4/sap",
      "clientId": "your-client-id",
      "clientSecret": "your-client-secret",
      "sapClient": "100",
      "sapSystemId": "PRD",
      "sapLanguage": "EN",
      "enabled": true,
      "syncEnabled": true,
      "syncDirection": "BIDIRECTIONAL",
      "syncIntervalMinutes": 60,
      "webhookEnabled": true
      }
      """;

  /** The guide's Step 2 body, as written. */
  private static final String GUIDE_STEP_2 =
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

  private final String token = AdminTokens.admin("it-admin");

  @Test
  void guidesStepTwoSentToTheEdgeCreatesTheMappingOnMappingService(
      KafkaEndpoint kafka, TestDatabase database) throws Exception {
    try (ServiceProcess mappingService =
        ServiceProcess.start("mapping-service", CrossServiceMessagingIT.env(kafka, database))) {
      mappingService.awaitReady(STARTUP);
      try (ServiceProcess connectionService =
          ServiceProcess.start(
              "connection-service", connectionServiceEnv(kafka, database, mappingService.port()))) {
        connectionService.awaitReady(STARTUP);
        String edge = "http://localhost:" + connectionService.port();

        HttpResponse<String> step1 = send(edge, "POST", "/api/admin/erp/connections", GUIDE_STEP_1);
        assertThat(step1.statusCode()).as(step1.body()).isEqualTo(201);
        // a fresh database: the guide's connection 1
        assertThat(JSON.readTree(step1.body()).path("id").asLong()).isEqualTo(1);

        // at once, as an admin following the guide would: the snapshot may still be on its way
        HttpResponse<String> step2 =
            send(edge, "POST", "/api/admin/erp/connections/1/mappings", GUIDE_STEP_2);
        assertThat(step2.statusCode()).as(step2.body()).isEqualTo(201);
        JsonNode created = JSON.readTree(step2.body());
        long mappingId = created.path("id").asLong();
        assertThat(created.path("connectionId").asLong()).isEqualTo(1);
        assertThat(created.path("tgmEntityType").asText()).isEqualTo("UNIT");
        assertThat(created.path("erpEntityName").asText()).isEqualTo("Equipment");
        assertThat(created.path("syncEnabled").asBoolean()).isTrue();
        assertThat(created.path("syncDirection").asText()).isEqualTo("BIDIRECTIONAL");
        assertThat(created.path("conflictResolution").asText()).isEqualTo("ERP_WINS");
        assertThat(created.path("batchSize").asInt()).isEqualTo(100);
        assertThat(created.path("version").asLong()).isEqualTo(1);
        assertThat(created.path("fieldMappings").findValuesAsText("tgmField"))
            .containsExactly("name", "serialNumber", "manufacturer");
        assertThat(created.path("fieldMappings").get(1).path("isKeyField").asBoolean()).isTrue();
        assertThat(created.path("fieldMappings").get(0).path("required").asBoolean()).isTrue();
        // on the edge, which serves the same paths, not on mapping-service
        assertThat(step2.headers().firstValue("Location"))
            .hasValue(edge + "/api/admin/erp/mappings/" + mappingId);

        HttpResponse<String> stored =
            send(edge, "GET", "/api/admin/erp/mappings/" + mappingId, null);
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(stored.body())).isEqualTo(created);

        HttpResponse<String> listed =
            send(edge, "GET", "/api/admin/erp/connections/1/mappings", null);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(listed.body()).findValuesAsText("erpEntityName"))
            .containsExactly("Equipment");

        // before a first sync: what would become of an ERP record, nothing written
        HttpResponse<String> preview =
            send(
                edge,
                "POST",
                "/api/admin/erp/mappings/" + mappingId + "/preview",
                """
                {"direction": "INBOUND",
                 "record": {"Equipment": "10000045", "Description": "Pump P-101",
                            "SerialNumber": "SN-4711", "ManufacturerName": "KSB"}}
                """);
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        assertThat(JSON.readTree(preview.body()).path("record"))
            .isEqualTo(
                JSON.readTree(
                    "{\"name\": \"Pump P-101\", \"serialNumber\": \"SN-4711\","
                        + " \"manufacturer\": \"KSB\"}"));
        assertThat(JSON.readTree(preview.body()).path("erpKey"))
            .isEqualTo(JSON.readTree("{\"SerialNumber\": \"SN-4711\"}"));
        assertThat(
                JSON.readTree(
                        send(edge, "GET", "/api/admin/erp/mappings/" + mappingId, null).body())
                    .path("version")
                    .asLong())
            .isEqualTo(1);
      }
    }
  }

  /** Production settings: a fresh credentials key, mapping-service where it listens, logs aside. */
  private static Map<String, String> connectionServiceEnv(
      KafkaEndpoint kafka, TestDatabase database, int mappingServicePort) {
    Map<String, String> env = CrossServiceMessagingIT.env(kafka, database);
    env.put("MAPPING_SERVICE_URL", "http://localhost:" + mappingServicePort);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    env.put("TGM_CREDENTIALS_KEYS", "it-1:" + Base64.getEncoder().encodeToString(key));
    env.put("TGM_CREDENTIALS_CURRENT_KEY", "it-1");
    env.put("TGM_LOG_FILE", logFile().toString());
    return env;
  }

  private static Path logFile() {
    Path root = Path.of(System.getProperty("tgm.repo.root", "..")).toAbsolutePath().normalize();
    return root.resolve("system-tests/target/service-logs/connection-service-application.log");
  }

  private HttpResponse<String> send(String base, String method, String path, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
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
}
