package com.tgm.erpsync.connector.kit.http;

import static com.tgm.erpsync.connector.kit.http.ScriptedErpServer.ok;
import static com.tgm.erpsync.connector.kit.http.ScriptedErpServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tgm.erpsync.contracts.ErrorCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private ScriptedErpServer server;

  @BeforeEach
  void start() throws Exception {
    server = ScriptedErpServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void opensAfterRepeatedFailuresFailsFastThenLetsAProbeThrough() throws Exception {
    server.on("/items", status(500, "down"));
    HttpPolicy policy = TestConnections.fastPolicy().withBreaker(4, 0.5, Duration.ofMillis(700));
    ErpHttpClients clients = TestConnections.clients(policy, new SimpleMeterRegistry());
    ErpHttp http =
        clients.forConnection(TestConnections.connection(server.uri("/")).retries(0, 0).build());
    ErpRequest request = ErpRequest.get(server.uri("/items"));

    for (int i = 0; i < 4; i++) {
      assertThat(http.send(request).status()).isEqualTo(500);
    }
    assertThatThrownBy(() -> http.send(request))
        .isInstanceOfSatisfying(
            ErpCallException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.ERP_UNAVAILABLE);
              assertThat(e.retryable()).isTrue();
              assertThat(e.getMessage()).contains("circuit breaker", "open");
            });
    assertThat(server.arrivals("/items")).as("the open circuit kept the call away").hasSize(4);

    server.on("/items", ok("back"));
    Thread.sleep(900);
    assertThat(http.send(request).text()).isEqualTo("back");
    assertThat(http.send(request).status()).isEqualTo(200);
    assertThat(server.arrivals("/items")).hasSize(6);
  }

  @Test
  void clientErrorsDoNotOpenTheCircuit() throws Exception {
    server.on("/items", status(404, "no such item"));
    HttpPolicy policy = TestConnections.fastPolicy().withBreaker(4, 0.5, Duration.ofSeconds(30));
    ErpHttp http =
        TestConnections.clients(policy, new SimpleMeterRegistry())
            .forConnection(TestConnections.connection(server.uri("/")).retries(0, 0).build());

    for (int i = 0; i < 8; i++) {
      assertThat(http.send(ErpRequest.get(server.uri("/items"))).status()).isEqualTo(404);
    }
    assertThat(server.arrivals("/items")).hasSize(8);
  }
}
