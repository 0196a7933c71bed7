package com.tgm.erpsync.sandbox.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.tgm.erpsync.sandbox.core.data.EntitySetDefinition;
import com.tgm.erpsync.sandbox.core.data.EquipmentGenerator;
import com.tgm.erpsync.sandbox.core.server.BusinessEvents;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BusinessEventsDeliveryTest {
  private static final EntitySetDefinition EQUIPMENT =
      EquipmentGenerator.definition("Equipment", false);
  private static final BusinessEvents.RetryPolicy QUICK =
      new BusinessEvents.RetryPolicy(
          Duration.ofMillis(10),
          Duration.ofMillis(50),
          Duration.ofMillis(600),
          Duration.ofSeconds(2));

  /** What the receiver got, one entry per request. */
  record Received(String secret, String contentType, long millis, JsonNode event) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Deque<int[]> answers = new ConcurrentLinkedDeque<>();
  private HttpServer receiver;
  private URI endpoint;

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/events",
        exchange -> {
          received.add(
              new Received(
                  exchange.getRequestHeaders().getFirst("X-Webhook-Secret"),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  System.currentTimeMillis(),
                  SapTestClient.JSON.readTree(exchange.getRequestBody().readAllBytes())));
          // {status, Retry-After seconds or -1}; 200 once the scripted answers are used up
          int[] answer = answers.poll();
          int status = answer == null ? 200 : answer[0];
          if (answer != null && answer[1] >= 0) {
            exchange.getResponseHeaders().add("Retry-After", Integer.toString(answer[1]));
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
    endpoint = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/events");
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  @Test
  void aSubscriptionMadeAtRuntimeGetsEachEventWithItsHeadersRetriedThrough503And429()
      throws Exception {
    answers.add(new int[] {503, 1});
    answers.add(new int[] {429, -1});
    try (SapSandbox sandbox =
        SapSandbox.start(
            SandboxOptions.builder()
                .equipmentCount(10)
                .eccHttpsPort(-1)
                .equipmentIfMatchRequired(false)
                .build())) {
      SapTestClient client = new SapTestClient(sandbox.baseUri());
      patch(client, "10000002", "Before any subscription");
      assertThat(sandbox.eventDeliveries().emitted()).isZero();

      sandbox.subscribeEvents(endpoint, Map.of("X-Webhook-Secret", "s3cret"));
      long changedAt = System.currentTimeMillis();
      patch(client, "10000003", "Evented");
      assertThat(System.currentTimeMillis() - changedAt)
          .as("the change does not wait for the delivery")
          .isLessThan(900);

      waitUntil(Duration.ofSeconds(10), () -> sandbox.eventDeliveries().delivered() == 1);
      assertThat(received).hasSize(3);
      assertThat(received.get(1).millis() - received.get(0).millis())
          .as("Retry-After: 1 honoured")
          .isGreaterThanOrEqualTo(950);
      for (Received r : received) {
        assertThat(r.secret()).isEqualTo("s3cret");
        assertThat(r.contentType()).isEqualTo("application/cloudevents+json");
        assertThat(r.event().get("id").asText())
            .isEqualTo(received.get(0).event().get("id").asText());
      }
      JsonNode event = received.get(2).event();
      assertThat(event.get("type").asText())
          .isEqualTo("sap.s4.beh.equipment.v1.Equipment.Changed.v1");
      assertThat(event.get("specversion").asText()).isEqualTo("1.0");
      assertThat(event.get("source").asText()).isEqualTo("/default/sap.s4.beh/S4HCLNT100");
      assertThat(event.get("subject").asText()).isEqualTo("10000003");
      assertThat(event.get("data").get("Equipment").asText()).isEqualTo("10000003");
      assertThat(event.get("data").size()).isEqualTo(1);
      assertThat(sandbox.eventDeliveries()).isEqualTo(new BusinessEvents.Deliveries(1, 1, 0, 2, 0));

      sandbox.unsubscribeEvents();
      patch(client, "10000004", "After the subscription");
      Thread.sleep(200);
      assertThat(received).hasSize(3);
      assertThat(sandbox.eventDeliveries().emitted()).isEqualTo(1);
    }
  }

  @Test
  void theAdminApiSetsShowsAndRemovesTheSubscription() throws Exception {
    try (SapSandbox sandbox =
        SapSandbox.start(
            SandboxOptions.builder()
                .equipmentCount(10)
                .eccHttpsPort(-1)
                .equipmentIfMatchRequired(false)
                .build())) {
      SapTestClient client = new SapTestClient(sandbox.baseUri());
      HttpResponse<String> put =
          client.send(
              client
                  .request("/sandbox/admin/events/subscription")
                  .header("Content-Type", "application/json")
                  .PUT(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"endpoint\": \""
                              + endpoint
                              + "\", \"headers\": {\"X-Webhook-Secret\": \"from-admin\"}}"))
                  .build());
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      patch(client, "10000005", "Via admin");
      waitUntil(Duration.ofSeconds(10), () -> sandbox.eventDeliveries().delivered() == 1);
      assertThat(received.get(0).secret()).isEqualTo("from-admin");

      JsonNode shown = SapTestClient.json(client.get("/sandbox/admin/events/subscription"));
      assertThat(shown.get("endpoint").asText()).isEqualTo(endpoint.toString());
      assertThat(shown.get("headers").toString()).isEqualTo("[\"X-Webhook-Secret\"]");
      assertThat(shown.toString()).doesNotContain("from-admin");
      assertThat(shown.get("deliveries").get("delivered").asLong()).isEqualTo(1);

      HttpResponse<String> deleted =
          client.send(client.request("/sandbox/admin/events/subscription").DELETE().build());
      assertThat(deleted.statusCode()).isEqualTo(204);
      assertThat(sandbox.eventDeliveries().emitted()).isEqualTo(1);
      patch(client, "10000006", "Unsubscribed");
      assertThat(sandbox.eventDeliveries().emitted()).isEqualTo(1);
    }
  }

  @Test
  void anotherClientErrorRejectsTheEventWithoutRetryAndTheNextOnesStillGoInOrder() {
    answers.add(new int[] {401, -1});
    try (BusinessEvents events = new BusinessEvents("S4H", "100", Clock.systemUTC(), QUICK)) {
      events.subscribe(new BusinessEvents.Subscription(endpoint, Map.of("X-Webhook-Secret", "x")));
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String key = Integer.toString(10000000 + i);
        keys.add(key);
        events.changed(EQUIPMENT, "Changed", Map.of("Equipment", key));
      }
      waitUntil(Duration.ofSeconds(10), () -> events.deliveries().pending() == 0);
      assertThat(events.deliveries()).isEqualTo(new BusinessEvents.Deliveries(20, 19, 1, 0, 0));
      assertThat(received).extracting(r -> r.event().get("subject").asText()).isEqualTo(keys);
    }
  }

  @Test
  void aServerErrorIsRetriedInOrderUntilTheRetryPeriodEndsThenTheEventIsAbandoned() {
    for (int i = 0; i < 1_000; i++) {
      answers.add(new int[] {500, -1});
    }
    try (BusinessEvents events = new BusinessEvents("S4H", "100", Clock.systemUTC(), QUICK)) {
      events.subscribe(new BusinessEvents.Subscription(endpoint, Map.of()));
      events.changed(EQUIPMENT, "Changed", Map.of("Equipment", "10000001"));
      events.changed(EQUIPMENT, "Created", Map.of("Equipment", "10000002"));
      waitUntil(Duration.ofSeconds(10), () -> events.deliveries().pending() == 0);
      BusinessEvents.Deliveries deliveries = events.deliveries();
      assertThat(deliveries.abandoned()).isEqualTo(2);
      assertThat(deliveries.delivered()).isZero();
      assertThat(deliveries.retried()).isGreaterThanOrEqualTo(10);
      // every attempt at the first event came before the first attempt at the second
      List<String> subjects =
          received.stream().map(r -> r.event().get("subject").asText()).toList();
      int firstOfSecond = subjects.indexOf("10000002");
      assertThat(subjects.subList(0, firstOfSecond)).containsOnly("10000001");
      assertThat(subjects.subList(firstOfSecond, subjects.size())).containsOnly("10000002");
    }
  }

  @Test
  void anEndpointNotListeningIsRetriedAndDeliveredOnceItListens() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    BusinessEvents.RetryPolicy patient =
        new BusinessEvents.RetryPolicy(
            Duration.ofMillis(20),
            Duration.ofMillis(100),
            Duration.ofSeconds(30),
            Duration.ofSeconds(2));
    try (BusinessEvents events = new BusinessEvents("S4H", "100", Clock.systemUTC(), patient)) {
      events.subscribe(
          new BusinessEvents.Subscription(
              URI.create("http://127.0.0.1:" + port + "/events"), Map.of()));
      events.changed(EQUIPMENT, "Deleted", Map.of("Equipment", "10000009"));
      waitUntil(Duration.ofSeconds(5), () -> events.deliveries().retried() >= 3);
      HttpServer late = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      late.createContext(
          "/events",
          exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
          });
      late.start();
      try {
        waitUntil(Duration.ofSeconds(10), () -> events.deliveries().delivered() == 1);
        assertThat(events.deliveries().abandoned()).isZero();
      } finally {
        late.stop(0);
      }
    }
  }

  private static void waitUntil(Duration atMost, BooleanSupplier condition) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not so within " + atMost);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static void patch(SapTestClient client, String equipment, String name) {
    client.send(
        client
            .request(
                SapSandbox.S4_EQUIPMENT_V2
                    + "/Equipment(Equipment='"
                    + equipment
                    + "',ValidityEndDate=datetime'9999-12-31T00:00:00')")
            .header("X-CSRF-Token", client.fetchCsrf(SapSandbox.S4_EQUIPMENT_V2))
            .method(
                "PATCH",
                HttpRequest.BodyPublishers.ofString("{\"EquipmentName\":\"" + name + "\"}"))
            .build());
  }
}
