package com.tgm.erpsync.connector.kit.http;

import static com.tgm.erpsync.connector.kit.http.ScriptedErpServer.ok;
import static com.tgm.erpsync.connector.kit.http.ScriptedErpServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tgm.erpsync.connector.kit.auth.AuthProvider;
import com.tgm.erpsync.connector.kit.auth.Transport;
import com.tgm.erpsync.connector.kit.http.ScriptedErpServer.Arrival;
import com.tgm.erpsync.contracts.AuthType;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticationTest {
  private ScriptedErpServer server;
  private ErpHttpClients clients;

  @BeforeEach
  void start() throws Exception {
    server = ScriptedErpServer.start();
    clients = TestConnections.clients(TestConnections.fastPolicy(), new SimpleMeterRegistry());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void sendsBasicCredentialsWithTheDecryptedPassword() throws Exception {
    server.on("/items", ok("{}"));
    ErpHttp http =
        clients.forConnection(
            TestConnections.connection(server.uri("/"))
                .auth(AuthType.BASIC)
                .username("erp-user")
                .secret(ConnectionSnapshot.PASSWORD, "pä55:word")
                .build());

    assertThat(http.send(ErpRequest.get(server.uri("/items"))).status()).isEqualTo(200);

    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("erp-user:pä55:word".getBytes(StandardCharsets.UTF_8));
    assertThat(server.arrivals("/items").get(0).header("Authorization")).isEqualTo(expected);
  }

  @Test
  void sendsTheApiKeyInTheConfiguredHeader() throws Exception {
    server.on("/items", ok("{}"));
    ErpHttp custom =
        clients.forConnection(
            TestConnections.connection(server.uri("/"))
                .auth(AuthType.API_KEY)
                .setting("apiKeyHeader", "APIKey")
                .secret(ConnectionSnapshot.API_KEY, "key-123")
                .build());
    ErpHttp standard =
        clients.forConnection(
            TestConnections.connection(server.uri("/"))
                .auth(AuthType.API_KEY)
                .secret(ConnectionSnapshot.API_KEY, "key-456")
                .build());

    custom.send(ErpRequest.get(server.uri("/items")));
    standard.send(ErpRequest.get(server.uri("/items")));

    Arrival first = server.arrivals("/items").get(0);
    Arrival second = server.arrivals("/items").get(1);
    assertThat(first.header("APIKey")).isEqualTo("key-123");
    assertThat(first.header("Authorization")).isNull();
    assertThat(second.header("X-API-Key")).isEqualTo("key-456");
  }

  @Test
  void renewsCredentialsOnceAfter401AndRetriesTheRequest() throws Exception {
    server.on("/items", status(401, "expired"), ok("fresh"));
    CountingTokens tokens = new CountingTokens();
    ErpHttp http = clients.forConnection(connection(), tokens);

    ErpResponse response = http.send(ErpRequest.get(server.uri("/items")));

    assertThat(response.text()).isEqualTo("fresh");
    assertThat(tokens.renewals.get()).isEqualTo(1);
    assertThat(server.arrivals("/items"))
        .extracting(a -> a.header("Authorization"))
        .containsExactly("Bearer token-1", "Bearer token-2");
  }

  @Test
  void returnsASecond401ToTheCaller() throws Exception {
    server.on("/items", status(401, "no"), status(401, "still no"), ok("never"));
    CountingTokens tokens = new CountingTokens();
    ErpHttp http = clients.forConnection(connection(), tokens);

    ErpResponse response = http.send(ErpRequest.get(server.uri("/items")));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.text()).isEqualTo("still no");
    assertThat(tokens.renewals.get()).isEqualTo(1);
    assertThat(server.arrivals("/items")).hasSize(2);
  }

  @Test
  void refusesAnAuthTypeItCannotHandleByName() {
    ErpHttp http =
        clients.forConnection(
            TestConnections.connection(server.uri("/")).auth(AuthType.NTLM).build());

    assertThatThrownBy(() -> http.send(ErpRequest.get(server.uri("/items"))))
        .isInstanceOfSatisfying(
            ErpCallException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILED);
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).contains("NTLM");
            });
    assertThat(server.arrivals("/items")).isEmpty();
  }

  @Test
  void failsAuthWithoutLeakingWhenASecretWasEncryptedUnderAnUnknownKey() {
    byte[] otherKey = new byte[32];
    ErpHttp http =
        clients.forConnection(
            TestConnections.connection(server.uri("/"))
                .vaultKey("retired-9", otherKey)
                .secret(ConnectionSnapshot.PASSWORD, "do-not-print-me")
                .build());

    assertThatThrownBy(() -> http.send(ErpRequest.get(server.uri("/items"))))
        .isInstanceOfSatisfying(
            ErpCallException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILED);
              assertThat(e.getMessage()).contains("retired-9").doesNotContain("do-not-print-me");
            });
  }

  private ConnectionSnapshot connection() {
    return TestConnections.connection(server.uri("/")).retries(3, 0).build();
  }

  /** Hands out a new bearer token after each renewal. */
  private static final class CountingTokens implements AuthProvider {
    final AtomicInteger renewals = new AtomicInteger();

    @Override
    public ErpRequest authorize(ErpRequest request, Transport transport) {
      return request.withHeader("Authorization", "Bearer token-" + (renewals.get() + 1));
    }

    @Override
    public boolean renewAfter(ErpRequest rejected, ErpResponse response) {
      renewals.incrementAndGet();
      return true;
    }
  }
}
