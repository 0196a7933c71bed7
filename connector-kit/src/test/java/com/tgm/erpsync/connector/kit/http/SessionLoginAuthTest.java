package com.tgm.erpsync.connector.kit.http;

import static com.tgm.erpsync.connector.kit.http.ScriptedErpServer.ok;
import static com.tgm.erpsync.connector.kit.http.ScriptedErpServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.tgm.erpsync.connector.kit.auth.Session;
import com.tgm.erpsync.connector.kit.auth.SessionLogin;
import com.tgm.erpsync.connector.kit.auth.SessionLoginAuth;
import com.tgm.erpsync.connector.kit.secret.ConnectionSecrets;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Session login the way SAP Business One's Service Layer does it: cookies B1SESSION/ROUTEID. */
class SessionLoginAuthTest {
  private ScriptedErpServer server;
  private ErpHttpClients clients;
  private ConnectionSnapshot connection;
  private final AtomicInteger logins = new AtomicInteger();
  private volatile String validSession;
  private final MutableClock clock = new MutableClock();

  @BeforeEach
  void start() throws Exception {
    server = ScriptedErpServer.start();
    clients = TestConnections.clients(TestConnections.fastPolicy(), new SimpleMeterRegistry());
    connection =
        TestConnections.connection(server.uri("/"))
            .secret(ConnectionSnapshot.PASSWORD, "b1-pass")
            .build();
    server.on(
        "/b1s/v1/Login",
        (exchange, arrival) -> {
          String session = "s" + logins.incrementAndGet();
          validSession = session;
          status(
                  200,
                  "{\"SessionId\":\"" + session + "\",\"SessionTimeout\":30}",
                  "Set-Cookie",
                  "B1SESSION=" + session + "; path=/b1s; HttpOnly",
                  "Set-Cookie",
                  "ROUTEID=.node1; path=/b1s")
              .respond(exchange, arrival);
        });
    server.on(
        "/b1s/v1/Items",
        (exchange, arrival) -> {
          String cookie = arrival.header("Cookie");
          boolean valid = cookie != null && cookie.contains("B1SESSION=" + validSession + ";");
          (valid ? ok("items") : status(401, "{\"error\":{\"code\":301}}"))
              .respond(exchange, arrival);
        });
    server.on("/b1s/v1/Logout", status(204, ""));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void logsInOnceForConcurrentCallsAndSendsTheSessionCookies() throws Exception {
    ErpHttp http = clients.forConnection(connection, newAuth());
    ExecutorService callers = Executors.newFixedThreadPool(10);
    try {
      List<Future<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        calls.add(callers.submit(() -> http.send(items()).status()));
      }
      for (Future<Integer> call : calls) {
        assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo(200);
      }
    } finally {
      callers.shutdownNow();
    }

    assertThat(server.arrivals("/b1s/v1/Login")).hasSize(1);
    assertThat(server.arrivals("/b1s/v1/Login").get(0).body()).contains("b1-pass");
    assertThat(server.arrivals("/b1s/v1/Items"))
        .extracting(a -> a.headerValues("Cookie"))
        .allSatisfy(values -> assertThat(values).containsExactly("B1SESSION=s1; ROUTEID=.node1"));
  }

  @Test
  void logsInAgainWhenTheErpRejectsTheSession() throws Exception {
    ErpHttp http = clients.forConnection(connection, newAuth());
    assertThat(http.send(items()).status()).isEqualTo(200);

    validSession = "expired-on-the-server";
    ErpResponse response = http.send(items());

    assertThat(response.status()).isEqualTo(200);
    assertThat(logins.get()).isEqualTo(2);
    assertThat(server.arrivals("/b1s/v1/Items"))
        .extracting(a -> a.header("Cookie"))
        .containsExactly(
            "B1SESSION=s1; ROUTEID=.node1",
            "B1SESSION=s1; ROUTEID=.node1",
            "B1SESSION=s2; ROUTEID=.node1");
  }

  @Test
  void aLateRejectionOfAnOlderSessionKeepsTheSessionOpenedSince() throws Exception {
    SessionLoginAuth auth = newAuth();
    ErpHttp http = clients.forConnection(connection, auth);
    assertThat(http.send(items()).status()).isEqualTo(200);
    ErpRequest sentWithS1 = items().withHeader("Cookie", "B1SESSION=s1; ROUTEID=.node1");
    validSession = "expired-on-the-server";
    assertThat(http.send(items()).status()).isEqualTo(200); // rejected, logged in again: s2

    // the 401 of a request that still carried s1 arrives after s2 was opened
    assertThat(auth.renewAfter(sentWithS1, new ErpResponse(401, Map.of(), null, 0))).isTrue();
    assertThat(http.send(items()).status()).isEqualTo(200);

    assertThat(logins.get()).isEqualTo(2);
    List<String> cookies =
        server.arrivals("/b1s/v1/Items").stream().map(a -> a.header("Cookie")).toList();
    assertThat(cookies.get(cookies.size() - 1)).isEqualTo("B1SESSION=s2; ROUTEID=.node1");
  }

  @Test
  void logsInAgainBeforeCallingOnceTheSessionTimedOut() throws Exception {
    ErpHttp http = clients.forConnection(connection, newAuth());
    http.send(items());

    clock.advance(Duration.ofMinutes(29));
    http.send(items());
    assertThat(logins.get()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(31));
    http.send(items());

    assertThat(logins.get()).isEqualTo(2);
    assertThat(server.arrivals("/b1s/v1/Items"))
        .extracting(a -> a.header("Cookie"))
        .containsExactly(
            "B1SESSION=s1; ROUTEID=.node1",
            "B1SESSION=s1; ROUTEID=.node1",
            "B1SESSION=s2; ROUTEID=.node1");
  }

  @Test
  void logsOutWithTheSessionCookiesWhenTheConnectionIsEvicted() throws Exception {
    ErpHttp http = clients.forConnection(connection, snapshot -> newAuth());
    http.send(items());
    clients.forConnection(connection, snapshot -> newAuth()).send(items());

    clients.evict(connection.id());

    assertThat(logins.get()).as("the factory's provider is kept per connection").isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> server.arrivals("/b1s/v1/Logout").size() == 1);
    assertThat(server.arrivals("/b1s/v1/Logout").get(0).header("Cookie"))
        .isEqualTo("B1SESSION=s1; ROUTEID=.node1");
  }

  private SessionLoginAuth newAuth() {
    return new SessionLoginAuth(
        connection, clients.secrets(connection), new ServiceLayerLogin(), clock);
  }

  private ErpRequest items() {
    return ErpRequest.get(server.uri("/b1s/v1/Items"));
  }

  private final class ServiceLayerLogin implements SessionLogin {
    @Override
    public ErpRequest loginRequest(ConnectionSnapshot snapshot, ConnectionSecrets secrets) {
      String body =
          "{\"CompanyDB\":\"SBODEMO\",\"UserName\":\"manager\",\"Password\":\""
              + secrets.require(ConnectionSnapshot.PASSWORD)
              + "\"}";
      return ErpRequest.of(
              "POST",
              server.uri("/b1s/v1/Login"),
              "application/json",
              body.getBytes(StandardCharsets.UTF_8))
          .withIdempotent(true);
    }

    @Override
    public Session readSession(ErpResponse loginResponse) {
      return new Session(
          Session.cookiesFrom(loginResponse, Set.of("B1SESSION", "ROUTEID")),
          Duration.ofMinutes(30));
    }

    @Override
    public ErpRequest logoutRequest(ConnectionSnapshot snapshot, Session session) {
      return ErpRequest.of("POST", server.uri("/b1s/v1/Logout"), null, new byte[0]);
    }
  }

  private static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T08:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
