package com.tgm.erpsync.connector.kit.http;

import static com.tgm.erpsync.connector.kit.http.ScriptedErpServer.ok;
import static com.tgm.erpsync.connector.kit.http.ScriptedErpServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.tgm.erpsync.connector.kit.http.ScriptedErpServer.Arrival;
import com.tgm.erpsync.contracts.AuthType;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OAuth 2.0 client credentials through quarkus-oidc-client, which needs the Quarkus runtime: the
 * test server is both the token endpoint and the ERP.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class,
    initArgs = {
      @ResourceArg(name = "database", value = "false"),
      @ResourceArg(name = "name", value = "connector-kit-oauth")
    })
class OAuthClientCredentialsTest {

  @Inject ErpHttpClients clients;

  private ScriptedErpServer server;
  private final AtomicInteger issued = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    server = ScriptedErpServer.start();
    server.on(
        "/oauth2/token",
        (exchange, arrival) -> {
          String token = "tok-" + issued.incrementAndGet();
          status(
                  200,
                  "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":4}",
                  "Content-Type",
                  "application/json")
              .respond(exchange, arrival);
        });
    server.on("/api/items", ok("{\"value\":[]}"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void fetchesOneTokenForTwentyConcurrentCallsAndRenewsItBeforeExpiry() throws Exception {
    ConnectionSnapshot connection = connection("basic");
    ErpHttp http = clients.forConnection(connection);
    ExecutorService callers = Executors.newFixedThreadPool(20);
    try {
      List<Future<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        calls.add(callers.submit(() -> http.send(items()).status()));
      }
      for (Future<Integer> call : calls) {
        assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo(200);
      }
    } finally {
      callers.shutdownNow();
    }

    assertThat(server.arrivals("/oauth2/token")).hasSize(1);
    assertThat(server.arrivals("/api/items"))
        .extracting(a -> a.header("Authorization"))
        .containsOnly("Bearer tok-1");

    Arrival tokenRequest = server.arrivals("/oauth2/token").get(0);
    assertThat(tokenRequest.method()).isEqualTo("POST");
    assertThat(tokenRequest.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(form(tokenRequest.body()))
        .containsEntry("grant_type", "client_credentials")
        .containsEntry("scope", "api://erp/.default")
        .doesNotContainKey("client_secret");
    assertThat(tokenRequest.header("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("sync-client:cl13nt-s3cret".getBytes(StandardCharsets.UTF_8)));

    // expires_in 4 s, renewed 1 s before: a call 3.5 s later needs a new token
    Thread.sleep(3500);
    assertThat(http.send(items()).status()).isEqualTo(200);
    assertThat(server.arrivals("/oauth2/token")).hasSize(2);
    List<Arrival> calls = server.arrivals("/api/items");
    assertThat(calls.get(calls.size() - 1).header("Authorization")).isEqualTo("Bearer tok-2");
  }

  @Test
  void sendsTheSecretInTheFormWhenAskedToAndFetchesANewTokenAfter401() throws Exception {
    server.on("/api/items", status(401, "token revoked"), ok("{\"value\":[]}"));
    ErpHttp http = clients.forConnection(connection("post"));

    assertThat(http.send(items()).status()).isEqualTo(200);

    assertThat(server.arrivals("/oauth2/token")).hasSize(2);
    Map<String, String> form = form(server.arrivals("/oauth2/token").get(0).body());
    assertThat(form)
        .containsEntry("grant_type", "client_credentials")
        .containsEntry("client_id", "sync-client")
        .containsEntry("client_secret", "cl13nt-s3cret")
        .containsEntry("resource", "https://erp.example/");
    assertThat(server.arrivals("/api/items"))
        .extracting(a -> a.header("Authorization"))
        .containsExactly("Bearer tok-1", "Bearer tok-2");
  }

  private ConnectionSnapshot connection(String clientAuth) {
    TestConnections.Builder builder =
        TestConnections.connection(server.uri("/"))
            .auth(AuthType.OAUTH2)
            .clientId("sync-client")
            .secret(ConnectionSnapshot.CLIENT_SECRET, "cl13nt-s3cret")
            .setting("oauthTokenUrl", server.uri("/oauth2/token").toString())
            .setting("oauthClientAuth", clientAuth);
    if ("post".equals(clientAuth)) {
      builder.setting("resource", "https://erp.example/");
    } else {
      builder.setting("scope", "api://erp/.default");
    }
    return builder.build();
  }

  private ErpRequest items() {
    return ErpRequest.get(server.uri("/api/items"));
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : body.split("&")) {
      String[] parts = pair.split("=", 2);
      fields.put(
          URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
    }
    return fields;
  }
}
