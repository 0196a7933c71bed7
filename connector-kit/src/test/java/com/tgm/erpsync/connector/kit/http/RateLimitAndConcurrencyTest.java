package com.tgm.erpsync.connector.kit.http;

import static com.tgm.erpsync.connector.kit.http.ScriptedErpServer.ok;
import static com.tgm.erpsync.connector.kit.http.ScriptedErpServer.slow;
import static org.assertj.core.api.Assertions.assertThat;

import com.tgm.erpsync.connector.kit.http.ScriptedErpServer.Arrival;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateLimitAndConcurrencyTest {
  private ScriptedErpServer server;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ExecutorService callers = Executors.newFixedThreadPool(20);

  @BeforeEach
  void startServer() throws Exception {
    server = ScriptedErpServer.start();
  }

  @AfterEach
  void stop() {
    callers.shutdownNow();
    server.close();
  }

  @Test
  void neverSendsMoreThanTheRateLimitInAnyWindowAndMakesCallersWait() throws Exception {
    server.on("/items", ok("{}"));
    ErpHttp http =
        TestConnections.clients(TestConnections.fastPolicy(), registry)
            .forConnection(TestConnections.connection(server.uri("/")).rateLimit(5, 1).build());

    List<Integer> statuses = sendConcurrently(http, 12);

    assertThat(statuses).hasSize(12).containsOnly(200);
    List<Long> times = server.arrivals("/items").stream().map(Arrival::nanos).sorted().toList();
    assertThat(times).hasSize(12);
    for (int i = 0; i + 5 < times.size(); i++) {
      assertThat(times.get(i + 5) - times.get(i))
          .as("arrivals %d and %d are a full period apart", i, i + 5)
          .isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
    }
    assertThat(registry.find(ErpHttpMetrics.RATE_LIMIT_WAITS).counter().count())
        .isGreaterThanOrEqualTo(7);
  }

  @Test
  void keepsAtMostMaxConcurrentRequestsInFlight() throws Exception {
    server.on("/items", slow(Duration.ofMillis(150), ok("{}")));
    ErpHttp http =
        TestConnections.clients(TestConnections.fastPolicy(), registry)
            .forConnection(TestConnections.connection(server.uri("/")).maxConcurrent(3).build());

    List<Integer> statuses = sendConcurrently(http, 15);

    assertThat(statuses).hasSize(15).containsOnly(200);
    assertThat(server.maxInFlight()).isLessThanOrEqualTo(3).isGreaterThan(1);
  }

  @Test
  void sharesLimitsBetweenAllCallsOfAConnection() throws Exception {
    server.on("/items", slow(Duration.ofMillis(150), ok("{}")));
    ErpHttpClients clients = TestConnections.clients(TestConnections.fastPolicy(), registry);
    var connection = TestConnections.connection(server.uri("/")).maxConcurrent(2).build();

    List<Future<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(
          callers.submit(() -> clients.forConnection(connection).send(get("/items")).status()));
    }
    for (Future<Integer> call : calls) {
      assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo(200);
    }
    assertThat(server.maxInFlight()).isLessThanOrEqualTo(2);
  }

  private List<Integer> sendConcurrently(ErpHttp http, int count) throws Exception {
    List<Future<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      calls.add(callers.submit(() -> http.send(get("/items")).status()));
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> call : calls) {
      statuses.add(call.get(30, TimeUnit.SECONDS));
    }
    return statuses;
  }

  private ErpRequest get(String path) {
    return ErpRequest.get(server.uri(path));
  }
}
