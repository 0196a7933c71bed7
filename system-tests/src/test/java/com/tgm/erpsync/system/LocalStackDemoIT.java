package com.tgm.erpsync.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.localstack.DemoSeed;
import com.tgm.erpsync.sandbox.core.SandboxOptions;
import com.tgm.erpsync.sandbox.core.SapSandbox;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.RealInfrastructureExtension;
import com.tgm.erpsync.testsupport.TestDatabase;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The local stack's ready demo, seeded against the packaged services as {@code ./local-stack} seeds
 * it: the S/4HANA connection is created and tests successfully, the UNIT ↔ Equipment mapping is
 * created, a second seed (the next start on the same data) creates nothing, and the full sync the
 * README runs completes with every record.
 */
@ExtendWith(RealInfrastructureExtension.class)
class LocalStackDemoIT {
  private static final int RECORDS = 2_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theDemoIsSeededOnceAndItsFullSyncImportsEveryRecord(
      KafkaEndpoint kafka, TestDatabase database) throws Exception {
    try (SapSandbox sandbox =
            SapSandbox.start(SandboxOptions.builder().equipmentCount(RECORDS).build());
        SapStack stack = SapStack.start(kafka, database, "demo-admin")) {
      DemoSeed seed = new DemoSeed(stack.edge(), stack.token(), sandbox.baseUri().toString());

      DemoSeed.Demo first = seed.seed();
      DemoSeed.Demo second = seed.seed();

      assertThat(first.connectionCreated()).isTrue();
      assertThat(first.mappingCreated()).isTrue();
      assertThat(first.testFailure()).isNull();
      assertThat(second.connectionCreated()).isFalse();
      assertThat(second.mappingCreated()).isFalse();
      assertThat(second.testFailure()).isNull();
      assertThat(second.connectionId()).isEqualTo(first.connectionId());
      assertThat(second.mappingId()).isEqualTo(first.mappingId());
      JsonNode connections =
          JSON.readTree(stack.send("GET", "/api/admin/erp/connections", null).body());
      assertThat(
              StreamSupport.stream(connections.spliterator(), false)
                  .filter(c -> DemoSeed.CONNECTION_NAME.equals(c.path("name").asText())))
          .hasSize(1);
      JsonNode mappings =
          JSON.readTree(
              stack
                  .send(
                      "GET",
                      "/api/admin/erp/connections/" + first.connectionId() + "/mappings",
                      null)
                  .body());
      assertThat(mappings).hasSize(1);

      // the README's full sync
      JsonNode job = stack.runSync(first.connectionId(), "full");
      assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("COMPLETED");
      assertThat(job.path("processedRecords").asLong()).isEqualTo(RECORDS);
      assertThat(job.path("successCount").asLong()).isEqualTo(RECORDS);
      assertThat(job.path("errorCount").asLong()).isZero();
      assertThat(stack.count("SELECT count(*) FROM tgm.unit")).isEqualTo(RECORDS);
    }
  }
}
