package com.tgm.erpsync.connector.sap;

import static org.assertj.core.api.Assertions.assertThat;

import com.tgm.erpsync.contracts.AuthType;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.command.ExtractPage;
import com.tgm.erpsync.contracts.command.TestConnection;
import com.tgm.erpsync.contracts.result.ConnectionTested;
import com.tgm.erpsync.contracts.result.PageExtracted;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.sandbox.core.SandboxOptions;
import com.tgm.erpsync.sandbox.core.SapSandbox;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import com.tgm.erpsync.testsupport.SealedSecrets;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TestProducer;
import com.tgm.erpsync.testsupport.TopicProbe;
import com.tgm.erpsync.testsupport.connector.ContractJson;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged connector as it runs: a connection on erp.connections (secrets sealed as the vault
 * seals them), commands on erp.commands.sap, the SAP sandbox answering over HTTP, results on
 * erp.results.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class,
    initArgs = {
      @ResourceArg(name = "database", value = "false"),
      @ResourceArg(name = "name", value = "connector-sap")
    })
class SapCommandsOverKafkaTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static SapSandbox sandbox;

  private final KafkaEndpoint kafka = TestInfrastructure.kafka();

  @BeforeAll
  static void startSandbox() {
    sandbox = SapSandbox.start(SandboxOptions.builder().equipmentCount(2_500).build());
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @Test
  void answersATestAndAPagedExtractFromTheSandbox() {
    long connectionId = ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000L);
    try (TestProducer producer = new TestProducer(kafka);
        TopicProbe results = TopicProbe.open(kafka, Topics.RESULTS)) {
      producer.send(
          Topics.CONNECTIONS,
          Topics.connectionKey(connectionId),
          ContractJson.write(connection(connectionId)));

      producer.send(
          Topics.COMMANDS_SAP,
          Topics.connectionKey(connectionId),
          ContractJson.write(new TestConnection(MessageMeta.create("kafka-test"), connectionId)));
      ConnectionTested tested =
          ContractJson.read(
              results
                  .await(
                      r ->
                          r.value().contains("\"ConnectionTested\"")
                              && r.value().contains("\"connectionId\":" + connectionId + ","),
                      WAIT)
                  .value(),
              ConnectionTested.class);
      assertThat(tested.success()).as(tested.message()).isTrue();

      producer.send(
          Topics.COMMANDS_SAP,
          Topics.connectionKey(connectionId),
          ContractJson.write(
              new ExtractPage(
                  MessageMeta.create("kafka-test"),
                  connectionId,
                  11L,
                  12L,
                  1L,
                  "Equipment",
                  null,
                  1000,
                  null,
                  "LastChangeDateTime",
                  null)));
      ConsumerRecord<String, String> answer =
          results.await(
              r ->
                  r.value().contains("\"PageExtracted\"")
                      && r.value().contains("\"connectionId\":" + connectionId + ","),
              WAIT);
      PageExtracted page = ContractJson.read(answer.value(), PageExtracted.class);
      assertThat(page.jobId()).isEqualTo(11L);
      assertThat(page.records()).hasSize(1000);
      assertThat(page.totalCount()).isEqualTo(2_500L);
      assertThat(page.nextCursor()).isNotNull();
    }
  }

  private static ConnectionSnapshot connection(long id) {
    return new ConnectionSnapshot(
        MessageMeta.create("kafka-test"),
        id,
        "Sandbox S/4HANA",
        null,
        ErpType.SAP_S4HANA,
        AuthType.BASIC,
        sandbox.baseUri() + "/sap/opu/odata4/sap",
        true,
        true,
        SyncDirection.BIDIRECTIONAL,
        60,
        false,
        null,
        SandboxOptions.DEFAULT_USER,
        "100",
        "S4H",
        "00",
        "EN",
        null,
        null,
        null,
        null,
        null,
        Map.of(),
        Map.of(
            ConnectionSnapshot.PASSWORD,
            SealedSecrets.seal(id, ConnectionSnapshot.PASSWORD, SandboxOptions.DEFAULT_PASSWORD)),
        3,
        0,
        0,
        0,
        0,
        1,
        Instant.now());
  }
}
