package com.tgm.erpsync.orchestrator.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.change.TgmRecordChanged;
import com.tgm.erpsync.outbox.KafkaClientSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes translated changes to tgm.changes (key {@code ENTITY:id}) and untranslatable events to
 * tgm.changes.dlq, through one idempotent producer that waits for all in-sync replicas. A batch
 * counts as published only when the broker acknowledged every record of it.
 */
public class ChangePublisher implements AutoCloseable {
  /** Header of a dead letter: the LSN of the event in the TGM database's WAL. */
  public static final String DLQ_LSN_HEADER = "tgm-lsn";

  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaProducer<String, String> producer;
  private final ObjectWriter writer;

  /** A publisher over a producer built from the {@code kafka.*} settings. */
  public ChangePublisher(Map<String, Object> kafka) {
    this.producer =
        new KafkaProducer<>(
            KafkaClientSettings.producer(kafka, SEND_TIMEOUT, "tgm-change-capture"));
    this.writer =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build()
            .writerFor(TgmRecordChanged.class);
  }

  /** The record of a change on tgm.changes. */
  ProducerRecord<String, String> change(TgmRecordChanged change) {
    try {
      return new ProducerRecord<>(
          Topics.TGM_CHANGES,
          Topics.tgmRecordKey(change.entityType(), change.recordId()),
          writer.writeValueAsString(change));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a TgmRecordChanged is always JSON", e);
    }
  }

  /**
   * The dead letter of an event: its Debezium value as JSON, the reason and where it came from
   * (source table, LSN) in headers.
   */
  ProducerRecord<String, String> deadLetter(
      String key, String eventJson, String reason, String source, String lsn) {
    ProducerRecord<String, String> dead =
        new ProducerRecord<>(Topics.dlq(Topics.TGM_CHANGES), key, eventJson);
    dead.headers().add(Topics.DLQ_REASON_HEADER, bytes(reason));
    dead.headers().add(Topics.DLQ_SOURCE_TOPIC_HEADER, bytes(source));
    dead.headers().add(DLQ_LSN_HEADER, bytes(lsn));
    return dead;
  }

  /**
   * Sends the records in order and returns when the broker has acknowledged all of them.
   *
   * @throws IllegalStateException when one was not acknowledged; the batch must be sent again
   */
  void publish(List<ProducerRecord<String, String>> records) throws InterruptedException {
    List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
    for (ProducerRecord<String, String> record : records) {
      sent.add(producer.send(record));
    }
    long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
    for (Future<RecordMetadata> ack : sent) {
      try {
        ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("the broker did not acknowledge captured changes", e);
      }
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  private static byte[] bytes(String text) {
    return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
  }
}
