package com.tgm.erpsync.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The ready demo of the local stack, created through the admin API exactly as a user would: a
 * connection to the sandbox's SAP S/4HANA simulator (OAuth 2.0 client credentials), its connection
 * test, and the UNIT ↔ Equipment mapping. Idempotent: the connection is found by its name and the
 * mapping by its entity, so a second run on the same {@code .local/} creates nothing.
 */
public final class DemoSeed {

  public static final String CONNECTION_NAME = "Demo S/4HANA (sandbox)";

  /** The S/4HANA simulator the erp-sandbox service runs, and its equipment records. */
  static final int SANDBOX_S4_PORT = 8091;

  static final int SANDBOX_EQUIPMENT = 10_000;

  private static final String SANDBOX_S4 = "http://localhost:" + SANDBOX_S4_PORT;
  private static final Duration MAPPING_WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The guide's S/4HANA connection, pointed at the sandbox; its full sync imports into TGM. */
  private static final String CONNECTION =
      """
      {"name": "%s",
       "description": "The ERP sandbox's SAP S/4HANA simulator (%,d equipment records)",
       "erpType": "SAP_S4HANA", "authType": "OAUTH2",
       "baseUrl": "%s/sap/opu/odata4/sap",
       "clientId": "tgm-sync", "clientSecret": "tgm-sync-secret",
       "sapClient": "100", "sapSystemId": "S4H", "sapLanguage": "EN",
       "enabled": true, "syncEnabled": true, "syncDirection": "INBOUND",
       "syncIntervalMinutes": 60, "webhookEnabled": false,
       "connectionSettings": {"oauthTokenUrl": "%s/sap/bc/sec/oauth2/token"}}
      """;

  /** The guide's UNIT ↔ Equipment mapping, with the S/4HANA simulator's field names. */
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

  /** What the seed found or created; {@code testFailure} is null when the test succeeded. */
  public record Demo(
      long connectionId,
      boolean connectionCreated,
      long mappingId,
      boolean mappingCreated,
      String testFailure) {}

  /** Why the demo could not be seeded: which step, and what the API answered. */
  public static final class SeedException extends Exception {
    SeedException(String message) {
      super(message);
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String adminApi;
  private final String token;
  private final String connection;

  /**
   * @param edge the admin API's base, e.g. {@code http://localhost:1337}
   * @param token an admin JWT
   */
  DemoSeed(String edge, String token) {
    this(edge, token, SANDBOX_S4);
  }

  /**
   * @param sandboxS4 the base of the S/4HANA simulator the demo connection points at
   */
  public DemoSeed(String edge, String token, String sandboxS4) {
    this.adminApi = edge + "/api/admin/erp";
    this.token = token;
    this.connection =
        CONNECTION.formatted(CONNECTION_NAME, SANDBOX_EQUIPMENT, sandboxS4, sandboxS4);
  }

  /** What the erp-sandbox service needs for the demo: its S/4HANA port and equipment records. */
  static Map<String, String> sandboxEnvironment() {
    return Map.of(
        "SANDBOX_SAP_S4_PORT", Integer.toString(SANDBOX_S4_PORT),
        "SANDBOX_SAP_S4_EQUIPMENT_COUNT", Integer.toString(SANDBOX_EQUIPMENT));
  }

  public Demo seed() throws SeedException, InterruptedException {
    Long connectionId = findConnection();
    boolean connectionCreated = connectionId == null;
    if (connectionCreated) {
      HttpResponse<String> created = send("POST", "/connections", connection);
      if (created.statusCode() == 409) {
        // created by a concurrent run between the look-up and the POST
        connectionId = findConnection();
        connectionCreated = false;
      } else {
        connectionId =
            json(expect(created, 201, "creating the demo connection")).path("id").asLong();
      }
      if (connectionId == null) {
        throw new SeedException("creating the demo connection: 409 " + created.body());
      }
    }

    JsonNode tested =
        json(
            expect(
                send("POST", "/connections/" + connectionId + "/test", null),
                200,
                "testing connection " + connectionId));
    String testFailure =
        "success".equals(tested.path("status").asText())
            ? null
            : tested.path("message").asText(tested.toString());

    Long mappingId = findUnitMapping(connectionId);
    boolean mappingCreated = mappingId == null;
    if (mappingCreated) {
      mappingId = createMapping(connectionId);
    }
    return new Demo(connectionId, connectionCreated, mappingId, mappingCreated, testFailure);
  }

  private Long findConnection() throws SeedException, InterruptedException {
    for (JsonNode connection :
        json(expect(send("GET", "/connections", null), 200, "listing the connections"))) {
      if (CONNECTION_NAME.equals(connection.path("name").asText())) {
        return connection.path("id").asLong();
      }
    }
    return null;
  }

  private Long findUnitMapping(long connectionId) throws SeedException, InterruptedException {
    String what = "listing the mappings of connection " + connectionId;
    HttpResponse<String> listed = send("GET", "/connections/" + connectionId + "/mappings", null);
    if (listed.statusCode() == 404) {
      return null; // mapping-service has not heard of the new connection yet
    }
    for (JsonNode mapping : json(expect(listed, 200, what))) {
      if ("UNIT".equals(mapping.path("tgmEntityType").asText())) {
        return mapping.path("id").asLong();
      }
    }
    return null;
  }

  /** mapping-service learns of a new connection through Kafka: a 404 at first means "not yet". */
  private long createMapping(long connectionId) throws SeedException, InterruptedException {
    String path = "/connections/" + connectionId + "/mappings";
    long deadline = System.nanoTime() + MAPPING_WAIT.toNanos();
    HttpResponse<String> created = send("POST", path, MAPPING);
    while (created.statusCode() == 404 && System.nanoTime() < deadline) {
      Thread.sleep(500);
      created = send("POST", path, MAPPING);
    }
    return json(expect(created, 201, "creating the UNIT ↔ Equipment mapping")).path("id").asLong();
  }

  private HttpResponse<String> send(String method, String path, String body)
      throws SeedException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(adminApi + path))
            // a connection test waits for the connector's answer (30 s at most)
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
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new SeedException(method + " " + adminApi + path + ": " + why);
    }
  }

  private static String expect(HttpResponse<String> response, int status, String what)
      throws SeedException {
    if (response.statusCode() != status) {
      throw new SeedException(what + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  private static JsonNode json(String body) throws SeedException {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new SeedException("not JSON: " + body);
    }
  }
}
