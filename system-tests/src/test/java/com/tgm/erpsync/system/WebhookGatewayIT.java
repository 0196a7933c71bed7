package com.tgm.erpsync.system;

import static com.tgm.erpsync.system.RealtimeFixture.JSON;
import static com.tgm.erpsync.system.RealtimeFixture.QUIESCE;
import static com.tgm.erpsync.system.RealtimeFixture.connect;
import static com.tgm.erpsync.system.RealtimeFixture.erpKey;
import static com.tgm.erpsync.system.RealtimeFixture.keys;
import static com.tgm.erpsync.system.RealtimeFixture.number;
import static com.tgm.erpsync.system.RealtimeFixture.sandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.tgm.erpsync.sandbox.core.SapSandbox;
import com.tgm.erpsync.sandbox.core.server.BusinessEvents;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.RealInfrastructureExtension;
import com.tgm.erpsync.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SAP's business events reach TGM through webhook-gateway: a person changes equipment in SAP, the
 * sandbox delivers the S/4HANA business event to the connection's webhook URL with its secret, the
 * gateway publishes it on erp.changes, the orchestrator has connector-sap fetch the record, and the
 * TGM unit takes the new name. Through the guide's webhook URL on the admin API's host (relayed to
 * the gateway), a signed delivery (HMAC-SHA256 with a timestamp) is taken too, and a wrong secret
 * is refused with 401 and publishes nothing.
 */
@ExtendWith(RealInfrastructureExtension.class)
class WebhookGatewayIT {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void aChangeMadeInSapReachesTgmThroughTheGateway(KafkaEndpoint kafka, TestDatabase database)
      throws Exception {
    int records = 20;
    try (SapSandbox sandbox = sandbox(records);
        SapStack stack = SapStack.startRealtime(kafka, database, "webhook-admin", 1)) {
      long connectionId = connect(stack, sandbox, "ERP_WINS", records);
      List<String> keys = keys(sandbox, records);
      // the guide's webhook URL, on the admin API's host, relayed to the gateway
      URI webhook = URI.create(stack.edge() + "/api/webhooks/erp/sap/" + connectionId);
      String secret = stack.webhookSecret(connectionId).path("webhookSecret").asText();

      // a person's change in SAP, delivered by the sandbox with X-Webhook-Secret
      new SapUser(sandbox.baseUri()).change(keys.get(3), Map.of("EquipmentName", "From SAP"));
      awaitTgmName(stack, connectionId, keys.get(3), "From SAP");

      // a wrong secret: 401 problem+json, nothing published
      HttpResponse<String> refused =
          HTTP.send(
              event(webhook)
                  .header("X-Webhook-Secret", "not-the-secret")
                  .POST(HttpRequest.BodyPublishers.ofString(cloudEvent(number(keys.get(4)))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
      assertThat(refused.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");

      // a signed event for a record changed in SAP without an event of its own
      String key = keys.get(5);
      sandbox
          .store("Equipment")
          .update(key, Map.of("EquipmentName", "Signed"), false, new ArrayList<>());
      String body = cloudEvent(number(key));
      String timestamp = Long.toString(Instant.now().getEpochSecond());
      HttpResponse<String> signed =
          HTTP.send(
              event(webhook)
                  .header("X-Webhook-Timestamp", timestamp)
                  .header("X-Webhook-Signature", sign(secret, timestamp + "." + body))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
      assertThat(JSON.readTree(signed.body()).path("accepted").asInt()).isEqualTo(1);
      awaitTgmName(stack, connectionId, key, "Signed");

      // the gateway published the sandbox's events and the signed one, each once
      await("the sandbox's business events delivered")
          .atMost(QUIESCE)
          .until(() -> sandbox.eventDeliveries().pending() == 0);
      BusinessEvents.Deliveries deliveries = sandbox.eventDeliveries();
      assertThat(deliveries.emitted()).isGreaterThanOrEqualTo(1);
      assertThat(deliveries.delivered()).as(deliveries.toString()).isEqualTo(deliveries.emitted());
      assertThat(stack.gatewayCounter("tgm_webhook_events_accepted_total", connectionId))
          .isEqualTo(deliveries.delivered() + 1.0);
    }
  }

  private static void awaitTgmName(SapStack stack, long connectionId, String key, String name) {
    await("TGM name of " + key + " = " + name)
        .atMost(QUIESCE)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                List.of(name)
                    .equals(
                        stack.strings(
                            "SELECT u.name FROM tgm.unit u JOIN orchestrator.sync_ledger l ON"
                                + " l.tgm_id = u.id WHERE l.connection_id = ? AND l.erp_key::jsonb"
                                + " @> CAST(? AS jsonb)",
                            connectionId,
                            erpKey(key))));
  }

  private static HttpRequest.Builder event(URI webhook) {
    return HttpRequest.newBuilder(webhook)
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/cloudevents+json");
  }

  private static String cloudEvent(String equipment) throws Exception {
    return JSON.writeValueAsString(
        Map.of(
            "specversion",
            "1.0",
            "type",
            "sap.s4.beh.equipment.v1.Equipment.Changed.v1",
            "source",
            "/default/sap.s4.beh/S4HCLNT100",
            "subject",
            equipment,
            "id",
            UUID.randomUUID().toString(),
            "time",
            Instant.now().toString(),
            "datacontenttype",
            "application/json",
            "data",
            Map.of("Equipment", equipment)));
  }

  private static String sign(String secret, String signed) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256="
        + HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
  }
}
