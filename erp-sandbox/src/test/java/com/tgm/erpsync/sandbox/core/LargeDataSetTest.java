package com.tgm.erpsync.sandbox.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LargeDataSetTest {

  @Test
  void servesTheLastPageOfAMillionRecordsQuicklyWithTheRightCount() {
    Runtime rt = Runtime.getRuntime();
    try (SapSandbox sandbox =
        SapSandbox.start(
            SandboxOptions.builder().equipmentCount(1_000_000).eccHttpsPort(-1).build())) {
      SapTestClient client = new SapTestClient(sandbox.baseUri());
      long start = System.nanoTime();
      JsonNode d =
          SapTestClient.json(
                  client.get(
                      SapSandbox.S4_EQUIPMENT_V2 + "/Equipment?$skip=999000&$inlinecount=allpages"))
              .get("d");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(d.get("__count").asText()).isEqualTo("1000000");
      assertThat(d.get("results")).hasSize(1000);
      assertThat(d.get("results").get(999).get("Equipment").asText()).isEqualTo("10999999");
      assertThat(d.has("__next")).isFalse();
      assertThat(took).isLessThan(Duration.ofSeconds(5));
      String last = client.get(SapSandbox.S4_EQUIPMENT_V2 + "/Equipment/$count").body();
      assertThat(last).isEqualTo("1000000");
      assertThat(rt.totalMemory() - rt.freeMemory()).isLessThan(400L * 1024 * 1024);
    }
  }
}
