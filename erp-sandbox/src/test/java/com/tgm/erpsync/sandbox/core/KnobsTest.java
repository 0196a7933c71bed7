package com.tgm.erpsync.sandbox.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnobsTest {

  private static final String PATH = SapSandbox.S4_EQUIPMENT_V2 + "/Equipment?$top=1";

  private static SapSandbox start(Knobs.Settings knobs) {
    return SapSandbox.start(
        SandboxOptions.builder().equipmentCount(10).eccHttpsPort(-1).knobs(knobs).build());
  }

  @Test
  void throttlesWith429AndRetryAfter() {
    try (SapSandbox sandbox =
        start(Knobs.Settings.defaults().withRateLimit(3, Duration.ofSeconds(30)))) {
      SapTestClient client = new SapTestClient(sandbox.baseUri());
      List<Integer> statuses = new ArrayList<>();
      HttpResponse<String> last = null;
      for (int i = 0; i < 5; i++) {
        last = client.get(PATH);
        statuses.add(last.statusCode());
      }
      assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
      long retryAfter = Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow());
      assertThat(retryAfter).isBetween(1L, 30L);
    }
  }

  @Test
  void injectsReproducibleServerFaultsForASeed() {
    List<Integer> first = statuses(start(Knobs.Settings.defaults().withFaultRate(0.3, 7)), 60);
    List<Integer> second = statuses(start(Knobs.Settings.defaults().withFaultRate(0.3, 7)), 60);
    assertThat(first).isEqualTo(second);
    long faults = first.stream().filter(s -> s >= 500).count();
    assertThat(faults).isBetween(8L, 30L);
    assertThat(first).allMatch(s -> s == 200 || s == 500 || s == 503);
  }

  private static List<Integer> statuses(SapSandbox sandbox, int n) {
    try (sandbox) {
      SapTestClient client = new SapTestClient(sandbox.baseUri());
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(client.get(PATH).statusCode());
      }
      return out;
    }
  }

  @Test
  void delaysEveryAnswerByTheConfiguredLatency() {
    try (SapSandbox sandbox =
        start(Knobs.Settings.defaults().withLatency(Duration.ofMillis(300)))) {
      SapTestClient client = new SapTestClient(sandbox.baseUri());
      long start = System.nanoTime();
      assertThat(client.get(PATH).statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
  }

  @Test
  void dropsConnectionsWithoutAnswering() {
    try (SapSandbox sandbox = start(Knobs.Settings.defaults().withDropRate(1.0))) {
      SapTestClient client = new SapTestClient(sandbox.baseUri());
      assertThatThrownBy(() -> client.get(PATH)).isInstanceOf(UncheckedIOException.class);
      assertThat(sandbox.journal().entries()).isNotEmpty().allMatch(e -> e.status() == 0);
    }
  }

  @Test
  void holdsRequestsLongerThanTheClientTimeout() {
    try (SapSandbox sandbox =
        start(Knobs.Settings.defaults().withTimeoutRate(1.0, Duration.ofSeconds(5)))) {
      SapTestClient client = new SapTestClient(sandbox.baseUri());
      HttpRequest request = client.request(PATH).timeout(Duration.ofMillis(300)).GET().build();
      assertThatThrownBy(() -> client.send(request))
          .hasRootCauseInstanceOf(java.net.http.HttpTimeoutException.class);
    }
  }

  @Test
  void failsTheNextRequestsWithTheGivenStatusThroughTheAdminApi() {
    try (SapSandbox sandbox = start(Knobs.Settings.defaults())) {
      SapTestClient client = new SapTestClient(sandbox.baseUri());
      HttpResponse<String> armed =
          client.send(
              client
                  .request("/sandbox/admin/fail-next")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"count\":2,\"status\":503}"))
                  .build());
      assertThat(armed.statusCode()).isEqualTo(204);
      assertThat(client.get(PATH).statusCode()).isEqualTo(503);
      assertThat(client.get(PATH).statusCode()).isEqualTo(503);
      assertThat(client.get(PATH).statusCode()).isEqualTo(200);

      HttpResponse<String> knobs =
          client.send(
              client
                  .request("/sandbox/admin/knobs")
                  .PUT(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"rateLimitRequests\":1,\"rateLimitPeriodMs\":60000}"))
                  .build());
      assertThat(SapTestClient.json(knobs).get("rateLimitRequests").asInt()).isEqualTo(1);
      assertThat(client.get(PATH).statusCode()).isEqualTo(200);
      assertThat(client.get(PATH).statusCode()).isEqualTo(429);
    }
  }
}
