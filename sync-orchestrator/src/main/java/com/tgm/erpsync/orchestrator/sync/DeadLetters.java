package com.tgm.erpsync.orchestrator.sync;

import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.outbox.KafkaClientSettings;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Moves a poison record of a consumed batch to its dead-letter topic, unchanged, with the reason
 * and its origin in the same headers the SmallRye dead-letter strategy writes, and waits for the
 * broker: the batch's offsets are committed only after it.
 */
@ApplicationScoped
public class DeadLetters {
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

  private final Map<String, Object> kafkaConfig;
  private KafkaProducer<String, String> producer;

  public DeadLetters(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
    this.kafkaConfig = kafkaConfig;
  }

  /**
   * Sends until the broker takes it, pausing up to 30 s between tries: the batch waits rather than
   * losing the record or dead-lettering its healthy neighbours.
   */
  public void sendUntilAccepted(ConsumerRecord<String, String> poison, String reason) {
    long pause = 500;
    while (true) {
      try {
        send(poison, reason);
        return;
      } catch (IllegalStateException e) {
        Log.warnf(
            "ERP results: dead-lettering failed, retrying in %d ms: %s", pause, e.getMessage());
        try {
          Thread.sleep(pause);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        pause = Math.min(pause * 2, 30_000);
      }
    }
  }

  synchronized void send(ConsumerRecord<String, String> poison, String reason) {
    ProducerRecord<String, String> dead =
        new ProducerRecord<>(Topics.dlq(poison.topic()), poison.key(), poison.value());
    dead.headers().add(Topics.DLQ_REASON_HEADER, bytes(reason));
    dead.headers().add(Topics.DLQ_SOURCE_TOPIC_HEADER, bytes(poison.topic()));
    dead.headers()
        .add(Topics.DLQ_SOURCE_PARTITION_HEADER, bytes(String.valueOf(poison.partition())));
    dead.headers().add(Topics.DLQ_SOURCE_OFFSET_HEADER, bytes(String.valueOf(poison.offset())));
    try {
      producer().send(dead).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while dead-lettering a result", e);
    } catch (Exception e) {
      close();
      throw new IllegalStateException("ERP results: could not dead-letter a poison record", e);
    }
  }

  synchronized void stop(@Observes ShutdownEvent event) {
    close();
  }

  private KafkaProducer<String, String> producer() {
    if (producer == null) {
      producer =
          new KafkaProducer<>(
              KafkaClientSettings.producer(kafkaConfig, SEND_TIMEOUT, "erp-results-dlq"));
    }
    return producer;
  }

  private void close() {
    if (producer != null) {
      producer.close(Duration.ZERO);
      producer = null;
    }
  }

  private static byte[] bytes(String text) {
    return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
  }
}
