package com.tgm.erpsync.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.sandbox.core.SandboxOptions;
import com.tgm.erpsync.sandbox.core.SapSandbox;
import com.tgm.erpsync.sandbox.core.journal.JournalEntry;
import com.tgm.erpsync.sandbox.core.journal.JournalFilter;
import com.tgm.erpsync.sandbox.core.server.BusinessEvents;
import com.tgm.erpsync.testsupport.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the realtime system tests share: a sandbox whose business events reach erp.changes through
 * webhook-gateway (subscribed, as SAP Event Mesh is, once the connection and its webhook secret
 * exist), the connection and UNIT mapping created through the admin API and synced once, and reads
 * of both sides (the sandbox's store and journal, the TGM tables through the ledger).
 */
final class RealtimeFixture {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration QUIESCE = Duration.ofMinutes(3);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private RealtimeFixture() {}

  /** A sandbox of {@code records} equipment records, raising no business events yet. */
  static SapSandbox sandbox(int records) {
    return SapSandbox.start(
        SandboxOptions.builder()
            .equipmentCount(records)
            .oauthClient(SapUser.CLIENT_ID, SapUser.CLIENT_SECRET)
            .build());
  }

  /**
   * Creates the connection (webhooks on) and its UNIT mapping through the admin API, subscribes the
   * sandbox's business events to the connection's webhook URL at the gateway with the secret the
   * admin API reveals, runs a full sync and waits until the capture of its inserts came back and
   * was skipped.
   */
  static long connect(SapStack stack, SapSandbox sandbox, String strategy, int records)
      throws Exception {
    String base = sandbox.baseUri().toString();
    long connectionId = stack.createConnection(connectionJson(base));
    subscribe(stack, sandbox, connectionId);
    stack.createMapping(connectionId, mappingJson(strategy));
    JsonNode full = stack.runSync(connectionId, "full");
    assertThat(full.path("status").asText()).as(full.toString()).isEqualTo("COMPLETED");
    assertThat(full.path("successCount").asLong()).isEqualTo(records);
    await("the capture of the full sync's inserts skipped")
        .atMost(QUIESCE)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                stack.count(
                        "SELECT coalesce(sum(skip_count), 0) FROM orchestrator.sync_job"
                            + " WHERE connection_id = ? AND job_type = 'REALTIME'",
                        connectionId)
                    == records);
    return connectionId;
  }

  /**
   * Subscribes the sandbox's business events to the connection's SAP webhook URL at the gateway,
   * authenticated with the connection's webhook secret.
   */
  static void subscribe(SapStack stack, SapSandbox sandbox, long connectionId) throws Exception {
    JsonNode secret = stack.webhookSecret(connectionId);
    assertThat(secret.path("connectionId").asLong()).isEqualTo(connectionId);
    assertThat(secret.path("secretHeader").asText()).isEqualTo("X-Webhook-Secret");
    assertThat(secret.path("webhookSecret").asText()).isNotBlank();
    sandbox.subscribeEvents(
        URI.create(stack.gateway() + "/api/webhooks/erp/sap/" + connectionId),
        Map.of(secret.path("secretHeader").asText(), secret.path("webhookSecret").asText()));
  }

  /**
   * Waits until the sandbox has no business event left to deliver and checks that every one it
   * raised reached the gateway (none rejected or abandoned) and was published there once: the
   * gateway's accepted count for the connection equals the sandbox's delivered count. Answers the
   * sandbox's counts.
   */
  static BusinessEvents.Deliveries assertEveryEventPublishedOnce(
      SapStack stack, SapSandbox sandbox, long connectionId) throws Exception {
    await("the sandbox's business events delivered")
        .atMost(QUIESCE)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> sandbox.eventDeliveries().pending() == 0);
    BusinessEvents.Deliveries deliveries = sandbox.eventDeliveries();
    assertThat(deliveries.rejected()).as(deliveries.toString()).isZero();
    assertThat(deliveries.abandoned()).as(deliveries.toString()).isZero();
    assertThat(deliveries.delivered()).isEqualTo(deliveries.emitted());
    assertThat(stack.gatewayCounter("tgm_webhook_events_accepted_total", connectionId))
        .as("events the gateway published for connection " + connectionId)
        .isEqualTo((double) deliveries.delivered());
    return deliveries;
  }

  static List<String> keys(SapSandbox sandbox, int records) {
    return sandbox.store("Equipment").query(List.of(), 0, records, false).items().stream()
        .map(record -> record.get("Equipment") + "|" + record.get("ValidityEndDate"))
        .toList();
  }

  /**
   * The ledger's key of an equipment record contains this (its key also has the validity end);
   * {@code storeKey} is the sandbox store's key, {@code number|validityEnd}.
   */
  static String erpKey(String storeKey) {
    return "{\"Equipment\":\"" + number(storeKey) + "\"}";
  }

  /** The equipment number of a sandbox store key. */
  static String number(String storeKey) {
    return storeKey.substring(0, storeKey.indexOf('|'));
  }

  /** Waits until TGM and SAP both hold the latest value of every changed record. */
  static void awaitBothSidesHold(
      SapStack stack, SapSandbox sandbox, long connectionId, Map<String, String> last) {
    await("both sides hold every record's latest value")
        .atMost(QUIESCE)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              for (Map.Entry<String, String> record : last.entrySet()) {
                Object sap =
                    sandbox
                        .store("Equipment")
                        .get(record.getKey())
                        .orElseThrow()
                        .get("EquipmentName");
                List<String> tgm =
                    stack.strings(
                        "SELECT u.name FROM tgm.unit u JOIN orchestrator.sync_ledger l ON l.tgm_id"
                            + " = u.id WHERE l.connection_id = ? AND l.erp_key::jsonb @> CAST(? AS"
                            + " jsonb)",
                        connectionId,
                        erpKey(record.getKey()));
                if (!record.getValue().equals(sap) || !List.of(record.getValue()).equals(tgm)) {
                  return false;
                }
              }
              return true;
            });
  }

  /** The connector's applied writes (2xx PATCHes, inside $batch or not), not the SAP user's. */
  static List<JournalEntry> connectorWrites(SapSandbox sandbox) {
    return connectorWrites(sandbox, true);
  }

  static List<JournalEntry> connectorWrites(SapSandbox sandbox, boolean appliedOnly) {
    return sandbox.journal().find(JournalFilter.all().method("PATCH")).stream()
        .filter(e -> !SapUser.USER_AGENT.equals(e.header("User-Agent")))
        .filter(e -> !appliedOnly || (e.status() >= 200 && e.status() < 300))
        .toList();
  }

  static List<JournalEntry> userWrites(SapSandbox sandbox) {
    return sandbox.journal().find(JournalFilter.all().method("PATCH")).stream()
        .filter(e -> SapUser.USER_AGENT.equals(e.header("User-Agent")))
        .toList();
  }

  static Long syncedFrom(ConsumerRecord<String, String> record) {
    JsonNode from = read(record.value()).path("syncedFromConnectionId");
    return from.isNumber() ? from.asLong() : null;
  }

  static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  /** The capture role a replica's readiness reports, or null when it does not answer. */
  static String captureRole(ServiceProcess orchestrator) {
    try {
      HttpResponse<String> answer =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create("http://localhost:" + orchestrator.port() + "/q/health/ready"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      for (JsonNode check : JSON.readTree(answer.body()).path("checks")) {
        if (check.path("name").asText().equals("tgm-change-capture")) {
          return check.path("data").path("role").asText();
        }
      }
      return null;
    } catch (Exception e) {
      return null;
    }
  }

  static String connectionJson(String sandboxBase) {
    return """
    {"name": "Realtime SAP %s", "description": "S/4HANA, two-way in realtime",
     "erpType": "SAP_S4HANA", "authType": "OAUTH2",
     "baseUrl": "%s/sap/opu/odata4/sap",
     "clientId": "tgm-sync", "clientSecret": "tgm-sync-secret",
     "sapClient": "100", "sapSystemId": "S4H", "sapLanguage": "EN",
     "enabled": true, "syncEnabled": true, "syncDirection": "BIDIRECTIONAL",
     "syncIntervalMinutes": 60, "webhookEnabled": true,
     "rateLimitRequests": 100, "rateLimitPeriodSeconds": 1,
     "connectionSettings": {"oauthTokenUrl": "%s/sap/bc/sec/oauth2/token"}}
    """
        .formatted(System.nanoTime(), sandboxBase, sandboxBase);
  }

  static String mappingJson(String strategy) {
    return """
    {"tgmEntityType": "UNIT", "erpEntityName": "Equipment", "syncEnabled": true,
     "syncDirection": "BIDIRECTIONAL", "conflictResolution": "%s", "batchSize": 100,
     "deltaField": "LastChangeDateTime",
     "fieldMappings": [
      {"tgmField": "serialNumber", "erpField": "Equipment", "fieldType": "STRING",
       "syncDirection": "INBOUND", "isKeyField": true},
      {"tgmField": "name", "erpField": "EquipmentName", "fieldType": "STRING",
       "syncDirection": "BIDIRECTIONAL", "required": true},
      {"tgmField": "manufacturer", "erpField": "ManufacturerName", "fieldType": "STRING",
       "syncDirection": "BIDIRECTIONAL"}]}
    """
        .formatted(strategy);
  }
}
