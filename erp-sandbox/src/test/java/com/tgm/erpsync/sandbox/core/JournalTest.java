package com.tgm.erpsync.sandbox.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.sandbox.core.journal.JournalFilter;
import java.net.http.HttpRequest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JournalTest {

  @Test
  void recordsRequestsAndFiltersThemInProcessAndOverHttp() throws Exception {
    try (SapSandbox sandbox =
        SapSandbox.start(SandboxOptions.builder().equipmentCount(10).eccHttpsPort(-1).build())) {
      SapTestClient client = new SapTestClient(sandbox.baseUri());
      client.get(SapSandbox.S4_EQUIPMENT_V2 + "/Equipment?$top=2");
      Thread.sleep(5);
      Instant mid = Instant.now();
      client.get(SapSandbox.S4_FUNCTIONAL_LOCATION_V2 + "/FunctionalLocation?$top=1");
      client.fetchCsrf(SapSandbox.S4_EQUIPMENT_V2);

      assertThat(sandbox.journal().entries()).hasSize(3);
      assertThat(sandbox.journal().find(JournalFilter.all().pathContains("FUNCTIONALLOCATION")))
          .hasSize(1);
      assertThat(sandbox.journal().find(JournalFilter.all().since(mid))).hasSize(2);
      assertThat(sandbox.journal().entries().get(0).query()).isEqualTo("$top=2");
      assertThat(sandbox.journal().entries().get(2).header("X-CSRF-Token")).isEqualTo("Fetch");
      assertThat(sandbox.journal().entries())
          .allMatch(e -> "Basic".equals(e.header("Authorization")));

      JsonNode overHttp =
          SapTestClient.json(
              client.get(
                  "/sandbox/admin/journal?method=GET&pathContains=API_EQUIPMENT&since=" + mid));
      assertThat(overHttp).hasSize(1);
      assertThat(overHttp.get(0).get("status").asInt()).isEqualTo(200);
      assertThat(overHttp.get(0).get("headers").get("Authorization").asText()).isEqualTo("Basic");

      client.send(client.request("/sandbox/admin/journal").DELETE().build());
      assertThat(sandbox.journal().entries()).isEmpty();
      assertThat(client.get("/sandbox/admin/status").statusCode()).isEqualTo(200);
      assertThat(sandbox.journal().entries()).isEmpty();
      assertThat(HttpRequest.newBuilder()).isNotNull();
    }
  }
}
