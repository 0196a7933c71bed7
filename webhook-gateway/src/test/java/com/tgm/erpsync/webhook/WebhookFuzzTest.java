package com.tgm.erpsync.webhook;

import static com.tgm.erpsync.webhook.Gateway.newId;
import static com.tgm.erpsync.webhook.Gateway.newSecret;
import static com.tgm.erpsync.webhook.Gateway.signature;
import static com.tgm.erpsync.webhook.Gateway.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import com.tgm.erpsync.webhook.connection.WebhookConnections;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * 1,200 generated requests, each forged (wrong secret, signature, timestamp, clientState or code)
 * or malformed (not JSON, cut short, the wrong shape, the wrong media type, broken CloudEvents
 * headers, bad handshake tokens): the gateway never answers 5xx and publishes nothing.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class,
    initArgs = @ResourceArg(name = "database", value = "false"))
class WebhookFuzzTest {
  private static final int REQUESTS = 1_200;

  private static final List<String> VALID =
      List.of(
          """
          {"specversion":"1.0","type":"sap.s4.beh.equipment.v1.Equipment.Changed.v1",\
          "source":"/default/sap.s4.beh/S4HCLNT100","id":"fuzz-1","time":"2026-11-27T10:00:00Z",\
          "data":{"Equipment":"10000001"}}\
          """,
          """
          {"entity":"customer","key":{"internalId":"42"},"changeType":"UPDATED","eventId":"g-1"}\
          """,
          """
          [{"entity":"customer","key":{"internalId":"1"},"changeType":"create"},\
          {"entity":"item","key":{"id":"2"},"changeType":"delete","values":{"a":1}}]\
          """,
          """
          {"BusinessEventId":"SalesOrderConfirmed","EventId":"E-1","EventTime":"/Date(1764240000000)/",\
          "BusinessEventLegalEntity":"USMF","SalesOrderNumber":"000123"}\
          """,
          """
          {"MessageName":"Update","PrimaryEntityName":"account",\
          "PrimaryEntityId":"d2b6c3f1-0b47-eb11-a813-000d3a8b3ec6","RequestId":"r-1",\
          "OperationCreatedOn":"/Date(1764237600000)/"}\
          """);

  @TestHTTPResource("/")
  URI base;

  @Test
  void forgedAndMalformedRequestsNeverPublishAndNeverFail() throws Exception {
    Random random = new Random(20261127L);
    String secret = newSecret();
    long sap = newId();
    long bc = newId();
    long netsuite = newId();
    Map<String, Object> unlimited =
        Gateway.settings(WebhookConnections.RATE_LIMIT_SETTING, 1_000_000);
    Map<Integer, Integer> statuses = new TreeMap<>();
    try (Gateway gateway = new Gateway(base)) {
      gateway.connection(snapshot(sap, ErpType.SAP_S4HANA, true, true, secret, unlimited));
      gateway.connection(snapshot(bc, ErpType.DYNAMICS_365_BC, true, true, secret, unlimited));
      gateway.connection(
          snapshot(netsuite, ErpType.ORACLE_NETSUITE, true, true, secret, unlimited));
      for (long id : List.of(sap, bc, netsuite)) {
        gateway.awaitKnown(id, secret);
      }
      List<Long> ids = List.of(sap, bc, netsuite);

      for (int i = 0; i < REQUESTS; i++) {
        long id = ids.get(random.nextInt(ids.size()));
        Request request = generate(random, id, secret);
        HttpResponse<String> answer =
            gateway.post(request.path, request.contentType, request.body, request.headers);
        statuses.merge(answer.statusCode(), 1, Integer::sum);
        assertThat(answer.statusCode())
            .as("request %d (%s) answered %s", i, request.kind, answer.body())
            .isLessThan(500)
            .isNotIn(200, 201, 202);
      }
      assertThat(gateway.published(Set.copyOf(ids), Duration.ofSeconds(3))).isEmpty();
    }
    assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(REQUESTS);
    // the generator reaches every kind of refusal, not just one
    assertThat(statuses.keySet()).contains(400, 401, 404, 415);
  }

  private record Request(
      String kind, String path, String contentType, byte[] body, String[] headers) {}

  private static Request generate(Random random, long id, String secret) {
    String valid = VALID.get(random.nextInt(VALID.size()));
    String path = "/api/webhooks/erp/" + id;
    int kind = random.nextInt(14);
    return switch (kind) {
      case 0 ->
          new Request(
              "wrong secret",
              path,
              "application/json",
              bytes(mutate(random, valid)),
              new String[] {"X-Webhook-Secret", mutate(random, secret)});
      case 1 -> {
        byte[] body = bytes(mutate(random, valid));
        yield new Request(
            "signature of another body",
            path,
            "application/json",
            body,
            new String[] {"X-Webhook-Signature", signature(secret, null, bytes(valid + " "))});
      }
      case 2 ->
          new Request(
              "random signature",
              path,
              "application/json",
              bytes(valid),
              new String[] {"X-Webhook-Signature", randomText(random, 1 + random.nextInt(90))});
      case 3 -> {
        String stale =
            Long.toString(
                Instant.now().getEpochSecond()
                    + (random.nextBoolean() ? -1 : 1) * (301 + random.nextInt(100_000)));
        byte[] body = bytes(valid);
        yield new Request(
            "stale timestamp",
            path,
            "application/json",
            body,
            new String[] {
              "X-Webhook-Timestamp", stale, "X-Webhook-Signature", signature(secret, stale, body)
            });
      }
      case 4 ->
          new Request(
              "no credentials",
              path,
              "application/json",
              bytes(mutate(random, valid)),
              new String[0]);
      case 5 ->
          new Request(
              "cut short",
              path,
              "application/json",
              bytes(valid.substring(0, 1 + random.nextInt(valid.length() - 2))),
              new String[] {"X-Webhook-Secret", secret});
      case 6 ->
          new Request(
              "not JSON",
              path,
              "application/json",
              bytes("#" + randomText(random, random.nextInt(200))),
              new String[] {"X-Webhook-Secret", secret});
      case 7 ->
          new Request(
              "JSON of the wrong shape",
              path,
              "application/json",
              bytes(wrongShape(random)),
              new String[] {"X-Webhook-Secret", secret});
      case 8 ->
          new Request(
              "wrong media type",
              path,
              List.of(
                      "text/plain",
                      "application/xml",
                      "multipart/form-data",
                      "application/x-www-form-urlencoded",
                      "image/png")
                  .get(random.nextInt(5)),
              bytes(valid),
              new String[] {"X-Webhook-Secret", secret});
      case 9 ->
          new Request(
              "unknown connection",
              random.nextBoolean()
                  ? "/api/webhooks/erp/" + newId()
                  : "/api/webhooks/erp/"
                      + randomText(random, 1 + random.nextInt(20)).replaceAll("[^A-Za-z0-9]", "x"),
              "application/json",
              bytes(valid),
              new String[] {"X-Webhook-Secret", secret});
      case 10 ->
          new Request(
              "wrong clientState",
              "/api/webhooks/erp/" + id,
              "application/json",
              bytes(
                  """
                  {"value":[{"subscriptionId":"s","clientState":"%s","resource":\
                  "api/v2.0/companies(1)/items(2)","changeType":"updated",\
                  "lastModifiedDateTime":"2026-11-27T10:00:00Z"}]}\
                  """
                      .formatted(mutate(random, secret))),
              new String[0]);
      case 11 ->
          new Request(
              "broken CloudEvent headers",
              path,
              "application/json",
              bytes("{\"Equipment\":\"1\"}"),
              new String[] {
                "X-Webhook-Secret",
                secret,
                "ce-specversion",
                random.nextBoolean() ? "0.3" : "1.0",
                "ce-type",
                random.nextBoolean() ? "sap.s4" : "",
                "ce-source",
                "/x"
              });
      case 12 ->
          new Request(
              "wrong code",
              path + "?code=" + mutate(random, secret).replaceAll("[^A-Za-z0-9-]", ""),
              "application/json",
              bytes(valid),
              new String[0]);
      default ->
          new Request(
              "bad handshake token",
              "/api/webhooks/erp/"
                  + id
                  + "?validationToken="
                  + (random.nextBoolean() ? "%0A%0D" : "x".repeat(1025 + random.nextInt(500))),
              "application/json",
              new byte[0],
              new String[0]);
    };
  }

  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /**
   * A random change to a string: letters or digits replaced, inserted or removed; never the string
   * itself, and never one that becomes it again once characters other than letters, digits and
   * hyphens are stripped.
   */
  private static String mutate(Random random, String value) {
    StringBuilder text = new StringBuilder(value);
    int changes = 1 + random.nextInt(3);
    for (int i = 0; i < changes; i++) {
      int at = random.nextInt(text.length());
      char letter = ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length()));
      switch (random.nextInt(3)) {
        case 0 -> text.setCharAt(at, letter);
        case 1 -> text.insert(at, letter);
        default -> {
          if (text.length() > 1) {
            text.deleteCharAt(at);
          }
        }
      }
    }
    String mutated = text.toString();
    return mutated.equals(value) ? value + "Z" : mutated;
  }

  private static String wrongShape(Random random) {
    List<String> shapes = new ArrayList<>();
    shapes.add("42");
    shapes.add("\"text\"");
    shapes.add("null");
    shapes.add("[]");
    shapes.add("{}");
    shapes.add("[1,2,3]");
    shapes.add("{\"value\":[]}");
    shapes.add("{\"value\":[{\"subscriptionId\":1}]}");
    shapes.add("{\"key\":{\"a\":\"b\"},\"changeType\":\"UPDATED\"}");
    shapes.add("{\"entity\":\"x\",\"key\":{\"a\":{\"nested\":true}},\"changeType\":\"UPDATED\"}");
    shapes.add("{\"entity\":\"x\",\"key\":{\"a\":\"b\"},\"changeType\":\"EXPLODED\"}");
    shapes.add("{\"entity\":" + "[".repeat(100) + "]".repeat(100) + "}");
    shapes.add(
        "{\"entity\":\""
            + "x".repeat(600)
            + "\",\"key\":{\"a\":\"b\"},\"changeType\":\"UPDATED\"}");
    shapes.add("{\"specversion\":\"1.0\",\"type\":\"sap.s4.beh.x.v1.X.Changed.v1\"}");
    shapes.add("{\"specversion\":\"2.0\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\"}");
    shapes.add("{\"MessageName\":\"Update\",\"PrimaryEntityName\":\"account\"}");
    shapes.add("{\"BusinessEventId\":\"X\"}");
    shapes.add("{\"a\":1,\"a\":2}");
    return shapes.get(random.nextInt(shapes.size()));
  }

  private static String randomText(Random random, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append((char) (' ' + random.nextInt(95)));
    }
    return text.toString();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
