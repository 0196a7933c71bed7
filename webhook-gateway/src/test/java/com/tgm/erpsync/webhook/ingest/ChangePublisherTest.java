package com.tgm.erpsync.webhook.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.change.ErpChangeNotification;
import com.tgm.erpsync.contracts.change.ErpChangeType;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TopicProbe;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An accepted webhook is answered only once the broker has it: acknowledged, or a failure. */
class ChangePublisherTest {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @Test
  void completesOnlyWhenTheBrokerAcknowledgedEveryNotification() throws Exception {
    KafkaEndpoint kafka = TestInfrastructure.kafka();
    long connectionId = System.nanoTime() % 1_000_000_000L + 1;
    ChangePublisher publisher =
        new ChangePublisher(
            Map.of("bootstrap.servers", kafka.bootstrapServers()), MAPPER, Duration.ofSeconds(10));
    try (TopicProbe changes = TopicProbe.open(kafka, Topics.ERP_CHANGES)) {
      publisher
          .publish(List.of(notification(connectionId, "a"), notification(connectionId, "b")))
          .get(30, TimeUnit.SECONDS);
      // completed: both are on the topic, keyed by the connection
      assertThat(
              changes.awaitCount(
                  r -> r.key().equals(Long.toString(connectionId)), 2, Duration.ofSeconds(10)))
          .hasSize(2);
    } finally {
      publisher.close();
    }
  }

  @Test
  void failsWhenTheBrokerIsAway() throws Exception {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    ChangePublisher publisher =
        new ChangePublisher(
            Map.of("bootstrap.servers", "127.0.0.1:" + deadPort), MAPPER, Duration.ofSeconds(1));
    try {
      assertThatThrownBy(
              () -> publisher.publish(List.of(notification(1, "x"))).get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class);
    } finally {
      publisher.close();
    }
  }

  private static ErpChangeNotification notification(long connectionId, String eventId) {
    return new ErpChangeNotification(
        MessageMeta.create(null),
        connectionId,
        ErpType.SAP_S4HANA,
        "Equipment",
        Map.of("Equipment", "1"),
        ErpChangeType.UPDATED,
        null,
        null,
        eventId,
        null,
        null,
        Instant.now());
  }
}
