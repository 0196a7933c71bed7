package com.tgm.erpsync.connector.kit.http;

import static com.tgm.erpsync.connector.kit.http.ScriptedErpServer.abort;
import static com.tgm.erpsync.connector.kit.http.ScriptedErpServer.ok;
import static com.tgm.erpsync.connector.kit.http.ScriptedErpServer.slow;
import static com.tgm.erpsync.connector.kit.http.ScriptedErpServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tgm.erpsync.connector.kit.http.ScriptedErpServer.Arrival;
import com.tgm.erpsync.contracts.ErrorCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetryTest {
  private ScriptedErpServer server;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private ErpHttpClients clients;

  @BeforeEach
  void start() throws Exception {
    server = ScriptedErpServer.start();
    clients = TestConnections.clients(TestConnections.fastPolicy(), registry);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void retries503AndWaitsAtLeastRetryAfterSeconds() throws Exception {
    server.on("/items", status(503, "busy", "Retry-After", "1"), ok("done"));

    ErpResponse response = http(3, 0).send(ErpRequest.get(server.uri("/items")));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.text()).isEqualTo("done");
    List<Long> gaps = gaps(server.arrivals("/items"));
    assertThat(gaps).hasSize(1);
    assertThat(gaps.get(0)).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
    assertThat(registry.find(ErpHttpMetrics.RETRIES).counter().count()).isEqualTo(1);
  }

  @Test
  void retries429AndHonoursRetryAfterAsHttpDate() throws Exception {
    server.on(
        "/items",
        (exchange, arrival) -> {
          String at =
              DateTimeFormatter.RFC_1123_DATE_TIME.format(
                  ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
          status(429, "slow down", "Retry-After", at).respond(exchange, arrival);
          server.on("/items", ok("done"));
        });

    ErpResponse response = http(3, 0).send(ErpRequest.get(server.uri("/items")));

    assertThat(response.status()).isEqualTo(200);
    // the date has whole seconds, so the wait is at least one second and under two
    assertThat(gaps(server.arrivals("/items")).get(0))
        .isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
  }

  @Test
  void backsOffExponentiallyOn500() throws Exception {
    server.on(
        "/items",
        status(500, "e1"),
        status(500, "e2"),
        status(500, "e3"),
        status(500, "e4"),
        ok("done"));

    // retryDelaySeconds 1 in units of 100 ms: waits of 100, 200, 400, 800 ms less up to 20 %
    ErpResponse response = http(4, 1).send(ErpRequest.get(server.uri("/items")));

    assertThat(response.status()).isEqualTo(200);
    List<Long> gaps = gaps(server.arrivals("/items"));
    assertThat(gaps).hasSize(4);
    for (int i = 0; i < gaps.size(); i++) {
      long floor = TimeUnit.MILLISECONDS.toNanos((long) (100 * Math.pow(2, i) * 0.8));
      assertThat(gaps.get(i)).as("wait before retry %d", i + 1).isGreaterThanOrEqualTo(floor);
    }
    assertThat(gaps.get(3)).isGreaterThan(gaps.get(0) * 4);
  }

  @Test
  void retriesAnIdempotentRequestAfterTheConnectionDropped() throws Exception {
    server.on("/items", abort(), abort(), ok("done"));

    ErpResponse response = http(3, 0).send(ErpRequest.get(server.uri("/items")));

    assertThat(response.status()).isEqualTo(200);
    assertThat(server.arrivals("/items")).hasSize(3);
  }

  @Test
  void throwsRetryableUnavailableWhenTheErpStaysUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/items");
    ErpHttp http = clients.forConnection(TestConnections.connection(nowhere).retries(2, 0).build());

    assertThatThrownBy(
            () -> http.send(ErpRequest.of("POST", nowhere, "application/json", new byte[0])))
        .isInstanceOfSatisfying(
            ErpCallException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.ERP_UNAVAILABLE);
              assertThat(e.retryable()).isTrue();
              assertThat(e.maybeApplied()).isFalse();
            });
    assertThat(registry.find(ErpHttpMetrics.RETRIES).counter().count()).isEqualTo(2);
  }

  @Test
  void doesNotResendAPostThatTimedOutAndSaysItMayHaveBeenApplied() throws Exception {
    server.on("/orders", slow(Duration.ofMillis(1800), ok("late")));
    ErpHttp http =
        clients.forConnection(
            TestConnections.connection(server.uri("/"))
                .retries(3, 0)
                .setting("requestTimeoutSeconds", 1)
                .build());

    assertThatThrownBy(() -> http.send(post("/orders")))
        .isInstanceOfSatisfying(
            ErpCallException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
              assertThat(e.maybeApplied()).isTrue();
              assertThat(e.retryable()).isTrue();
            });
    Thread.sleep(300);
    assertThat(server.arrivals("/orders")).hasSize(1);
  }

  @Test
  void resendsAPostAnswered503BecauseItWasNotProcessed() throws Exception {
    server.on("/orders", status(503, "maintenance"), status(201, "created"));

    ErpResponse response = http(3, 0).send(post("/orders"));

    assertThat(response.status()).isEqualTo(201);
    assertThat(server.arrivals("/orders")).hasSize(2);
  }

  @Test
  void doesNotResendAPostAnswered502AndKeepsTheResponse() throws Exception {
    server.on("/orders", status(502, "gateway lost it"), status(201, "created"));

    assertThatThrownBy(() -> http(3, 0).send(post("/orders")))
        .isInstanceOfSatisfying(
            ErpCallException.class,
            e -> {
              assertThat(e.maybeApplied()).isTrue();
              assertThat(e.code()).isEqualTo(ErrorCode.ERP_UNAVAILABLE);
              assertThat(e.response())
                  .get()
                  .extracting(ErpResponse::text)
                  .isEqualTo("gateway lost it");
            });
    assertThat(server.arrivals("/orders")).hasSize(1);
  }

  @Test
  void returnsTheLastResponseWhenRetriesAreExhausted() throws Exception {
    server.on(
        "/items", status(503, "first"), status(503, "second"), status(503, "{\"error\":\"last\"}"));

    ErpResponse response = http(2, 0).send(ErpRequest.get(server.uri("/items")));

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.text()).isEqualTo("{\"error\":\"last\"}");
    assertThat(server.arrivals("/items")).hasSize(3);
  }

  @Test
  void doesNotRetryAClientError() throws Exception {
    server.on("/items", status(400, "bad filter"), ok("never"));

    ErpResponse response = http(3, 0).send(ErpRequest.get(server.uri("/items")));

    assertThat(response.status()).isEqualTo(400);
    assertThat(server.arrivals("/items")).hasSize(1);
    assertThat(
            registry.find(ErpHttpMetrics.ERRORS).tag("code", "VALIDATION_ERROR").counter().count())
        .isEqualTo(1);
  }

  private ErpHttp http(int maxRetries, int retryDelaySeconds) {
    return clients.forConnection(
        TestConnections.connection(server.uri("/")).retries(maxRetries, retryDelaySeconds).build());
  }

  private ErpRequest post(String path) {
    return ErpRequest.of(
        "POST", server.uri(path), "application/json", "{}".getBytes(StandardCharsets.UTF_8));
  }

  private static List<Long> gaps(List<Arrival> arrivals) {
    List<Long> times = arrivals.stream().map(Arrival::nanos).sorted().toList();
    return java.util.stream.IntStream.range(1, times.size())
        .mapToObj(i -> times.get(i) - times.get(i - 1))
        .toList();
  }
}
