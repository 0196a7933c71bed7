package com.tgm.erpsync.connection.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.command.ConnectorCommand;
import com.tgm.erpsync.contracts.command.TestConnection;
import com.tgm.erpsync.contracts.result.ConnectionTested;
import com.tgm.erpsync.contracts.result.ConnectorResult;
import com.tgm.erpsync.outbox.KafkaClientSettings;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * Request and reply with the connectors over Kafka: sends a {@link TestConnection} to the command
 * topic of the connection's ERP family and waits for the {@link ConnectionTested} that carries the
 * same correlation id on {@code erp.results}.
 *
 * <p>Each exchange reads only the one partition of {@code erp.results} that the answer's key (the
 * connection id) lands on, from its end as it was before the command was sent, and only for as long
 * as it waits: no replica reads the results of sync jobs, and any replica can serve a test.
 */
@ApplicationScoped
public class ConnectorExchange {
  private static final Duration POLL = Duration.ofMillis(200);

  private final Map<String, Object> kafkaConfig;
  private final ObjectMapper mapper;
  private volatile KafkaProducer<String, String> producer;

  public ConnectorExchange(
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ObjectMapper mapper) {
    this.kafkaConfig = kafkaConfig;
    this.mapper = mapper;
  }

  /**
   * Sends the command and waits up to {@code timeout} for its answer; empty when none came in time.
   *
   * @throws MessagingUnavailableException when Kafka does not take the command
   */
  public Optional<ConnectionTested> testConnection(
      TestConnection command, String commandTopic, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String key = Topics.connectionKey(command.connectionId());
    String correlationId = Objects.requireNonNull(command.meta().correlationId(), "correlationId");
    try (KafkaConsumer<String, String> replies =
        new KafkaConsumer<>(
            KafkaClientSettings.standaloneConsumer(kafkaConfig, "erp-connection-test"))) {
      TopicPartition partition = partitionOf(replies, Topics.RESULTS, key, timeout);
      replies.assign(List.of(partition));
      replies.seekToEnd(List.of(partition));
      replies.position(partition, timeout); // fixes the start before the command goes out
      send(commandTopic, key, command, timeout);
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : replies.poll(POLL)) {
          Optional<ConnectionTested> answer = answerTo(record, key, correlationId);
          if (answer.isPresent()) {
            return answer;
          }
        }
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
      return Optional.empty();
    } catch (KafkaException e) {
      throw new MessagingUnavailableException("Kafka is unavailable: " + e.getMessage(), e);
    }
  }

  void close(@Observes ShutdownEvent event) {
    KafkaProducer<String, String> current = producer;
    if (current != null) {
      current.close(Duration.ofSeconds(5));
    }
  }

  private Optional<ConnectionTested> answerTo(
      ConsumerRecord<String, String> record, String key, String correlationId) {
    if (!key.equals(record.key()) || record.value() == null) {
      return Optional.empty();
    }
    try {
      ConnectorResult result = mapper.readValue(record.value(), ConnectorResult.class);
      if (result instanceof ConnectionTested tested
          && correlationId.equals(tested.meta().correlationId())) {
        return Optional.of(tested);
      }
    } catch (JsonProcessingException e) {
      Log.warnf(
          "ERP connection test: unreadable result at %s-%d@%d skipped: %s",
          record.topic(), record.partition(), record.offset(), e.getOriginalMessage());
    }
    return Optional.empty();
  }

  private void send(String topic, String key, ConnectorCommand command, Duration timeout)
      throws InterruptedException {
    String payload;
    try {
      payload = mapper.writerFor(ConnectorCommand.class).writeValueAsString(command);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + command.getClass().getSimpleName(), e);
    }
    try {
      producer(timeout)
          .send(new ProducerRecord<>(topic, key, payload))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new MessagingUnavailableException(
          "Kafka did not accept the command for " + topic + ": " + cause, cause);
    }
  }

  /** The partition the default partitioner gives {@code key}: where keyed answers land. */
  static TopicPartition partitionOf(
      KafkaConsumer<String, String> consumer, String topic, String key, Duration timeout) {
    List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
    if (partitions == null || partitions.isEmpty()) {
      throw new MessagingUnavailableException("topic " + topic + " does not exist", null);
    }
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    return new TopicPartition(topic, Utils.toPositive(Utils.murmur2(bytes)) % partitions.size());
  }

  private KafkaProducer<String, String> producer(Duration timeout) {
    KafkaProducer<String, String> current = producer;
    if (current == null) {
      synchronized (this) {
        current = producer;
        if (current == null) {
          current =
              new KafkaProducer<>(
                  KafkaClientSettings.producer(kafkaConfig, timeout, "erp-connector-commands"));
          producer = current;
        }
      }
    }
    return current;
  }
}
