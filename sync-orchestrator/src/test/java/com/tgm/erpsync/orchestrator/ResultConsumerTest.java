package com.tgm.erpsync.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.event.SyncEventTypes;
import com.tgm.erpsync.contracts.result.ConnectionTested;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TestProducer;
import com.tgm.erpsync.testsupport.TopicProbe;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
class ResultConsumerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Inject ObjectMapper mapper;

  private final KafkaEndpoint kafka = TestInfrastructure.kafka();
  private TestProducer producer;
  private TopicProbe events;

  @BeforeEach
  void open() {
    producer = new TestProducer(kafka);
    events = TopicProbe.open(kafka, Topics.SYNC_EVENTS);
  }

  @AfterEach
  void close() {
    events.close();
    producer.close();
  }

  @Test
  void publishesConnectionTestedCloudEventForATestResult() throws Exception {
    long connectionId = ThreadLocalRandom.current().nextLong(1, 1_000_000);
    ConnectionTested tested = tested(connectionId);

    producer.send(
        Topics.RESULTS, Topics.connectionKey(connectionId), mapper.writeValueAsString(tested));

    ConsumerRecord<String, String> record = events.await(r -> isAbout(r, connectionId), WAIT);
    JsonNode event = mapper.readTree(record.value());
    assertThat(record.key()).isEqualTo(String.valueOf(connectionId));
    assertThat(event.path("specversion").asText()).isEqualTo("1.0");
    assertThat(event.path("type").asText()).isEqualTo(SyncEventTypes.CONNECTION_TESTED);
    assertThat(event.path("subject").asText()).isEqualTo("connections/" + connectionId);
    assertThat(event.path("correlationid").asText()).isEqualTo(tested.meta().correlationId());
    assertThat(event.path("data").path("status").asText()).isEqualTo("failure");
    assertThat(event.path("data").path("errorCode").asText()).isEqualTo("AUTH_FAILED");
    assertThat(event.path("data").path("message").asText()).isEqualTo("HTTP 401 from token URL");
  }

  @Test
  void handlesARedeliveredResultOnlyOnce() throws Exception {
    long connectionId = ThreadLocalRandom.current().nextLong(1, 1_000_000);
    String json = mapper.writeValueAsString(tested(connectionId));

    producer.send(Topics.RESULTS, Topics.connectionKey(connectionId), json);
    producer.send(Topics.RESULTS, Topics.connectionKey(connectionId), json);

    events.await(r -> isAbout(r, connectionId), WAIT);
    List<ConsumerRecord<String, String>> all =
        events.drain(r -> isAbout(r, connectionId), Duration.ofSeconds(3));
    assertThat(all).hasSize(1);
  }

  @Test
  void movesAnUndecodableResultToTheDeadLetterTopicWithReason() {
    String poison = "{\"type\":\"PageExtracted\",\"meta\":42}";
    try (TopicProbe dlq = TopicProbe.open(kafka, Topics.dlq(Topics.RESULTS))) {
      producer.send(Topics.RESULTS, "job-1", poison);

      ConsumerRecord<String, String> dead = dlq.await(r -> poison.equals(r.value()), WAIT);
      String reason =
          new String(
              dead.headers().lastHeader(Topics.DLQ_REASON_HEADER).value(), StandardCharsets.UTF_8);
      assertThat(reason).contains("undecodable result");
    }
  }

  private boolean isAbout(ConsumerRecord<String, String> record, long connectionId) {
    try {
      JsonNode event = mapper.readTree(record.value());
      return event.path("data").path("connectionId").asLong() == connectionId;
    } catch (Exception e) {
      return false;
    }
  }

  private static ConnectionTested tested(long connectionId) {
    return new ConnectionTested(
        MessageMeta.create("test-" + connectionId),
        connectionId,
        ErpType.SAP_S4HANA,
        false,
        "HTTP 401 from token URL",
        ErrorCode.AUTH_FAILED,
        Instant.parse("2024-01-15T10:30:00Z"),
        123L);
  }
}
