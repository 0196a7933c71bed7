package com.tgm.erpsync.orchestrator.directory;

import com.tgm.erpsync.outbox.KafkaClientSettings;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads a compacted topic into memory on a thread of its own: every partition from the beginning,
 * no consumer group, so every replica sees every record. It is "loaded" once it has read up to the
 * end offsets seen at start. A record whose handler fails is read again after a pause (the reader
 * reconnects at that record), so no record, a tombstone least of all, is ever skipped.
 */
final class CompactedTopicReader {
  // short, so that a catch-up request waits little for the reader to take it
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration RETRY = Duration.ofSeconds(2);

  private final String topic;
  private final Map<String, Object> kafkaConfig;
  private final Consumer<ConsumerRecord<String, String>> handler;
  private final CountDownLatch loaded = new CountDownLatch(1);
  private volatile boolean running;
  private volatile KafkaConsumer<String, String> consumer;
  private Thread thread;

  /** The catch-up round callers join until the reader fixes its target end offsets. */
  private final AtomicReference<CatchUp> requested = new AtomicReference<>();

  // reader thread only: where each partition continues after a reconnect, and targeted rounds
  private final Map<TopicPartition, Long> next = new HashMap<>();
  private final List<CatchUp> targeted = new ArrayList<>();

  /**
   * @param kafkaConfig the service's {@code kafka.*} configuration (broker, security, TLS)
   * @param handler applies one record (a null value is a tombstone); throws to have it read again
   */
  CompactedTopicReader(
      String topic,
      Map<String, Object> kafkaConfig,
      Consumer<ConsumerRecord<String, String>> handler) {
    this.topic = topic;
    this.kafkaConfig = kafkaConfig;
    this.handler = handler;
  }

  void start() {
    running = true;
    thread = new Thread(this::readForever, topic + "-reader");
    thread.setDaemon(true);
    thread.start();
  }

  void stop() throws InterruptedException {
    running = false;
    KafkaConsumer<String, String> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    if (thread != null) {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    }
  }

  boolean isLoaded() {
    return loaded.getCount() == 0;
  }

  boolean awaitLoaded(Duration timeout) throws InterruptedException {
    return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Waits until every record on the topic at the time of the call has been applied; false when that
   * takes longer than {@code timeout}.
   */
  boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    CatchUp round = requested.updateAndGet(pending -> pending != null ? pending : new CatchUp());
    return round.done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void readForever() {
    while (running) {
      try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(consumerSettings())) {
        consumer = kafka;
        readUntilStopped(kafka);
      } catch (WakeupException stopping) {
        return;
      } catch (RuntimeException e) {
        // Kafka unreachable, the topic missing, or a record not applied: the same record again
        Log.warnf(
            "ERP directory: cannot read %s (%s); retrying in %d s", topic, e, RETRY.toSeconds());
        sleepQuietly(RETRY);
      }
    }
  }

  private void readUntilStopped(KafkaConsumer<String, String> kafka) {
    List<TopicPartition> partitions =
        kafka.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(info -> new TopicPartition(info.topic(), info.partition()))
            .toList();
    if (partitions.isEmpty()) {
      throw new IllegalStateException("topic " + topic + " does not exist");
    }
    kafka.assign(partitions);
    for (TopicPartition partition : partitions) {
      Long offset = next.get(partition);
      if (offset == null) {
        kafka.seekToBeginning(List.of(partition));
      } else {
        kafka.seek(partition, offset);
      }
    }
    Map<TopicPartition, Long> endAtStart = isLoaded() ? Map.of() : kafka.endOffsets(partitions);
    while (running) {
      targetRequestedCatchUp(kafka, partitions);
      completeCaughtUpRounds(kafka);
      for (ConsumerRecord<String, String> record : kafka.poll(POLL)) {
        handler.accept(record);
        next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
      }
      if (!isLoaded() && caughtUp(kafka, endAtStart)) {
        loaded.countDown();
        Log.infof("ERP directory of %s loaded", topic);
      }
    }
  }

  /** The round leaves {@code requested} before the fetch: nobody joins it after its target. */
  private void targetRequestedCatchUp(
      KafkaConsumer<String, String> kafka, List<TopicPartition> partitions) {
    CatchUp round = requested.getAndSet(null);
    if (round != null) {
      round.target = Map.copyOf(kafka.endOffsets(partitions));
      targeted.add(round);
    }
  }

  private void completeCaughtUpRounds(KafkaConsumer<String, String> kafka) {
    for (Iterator<CatchUp> rounds = targeted.iterator(); rounds.hasNext(); ) {
      CatchUp round = rounds.next();
      if (caughtUp(kafka, round.target)) {
        round.done.countDown();
        rounds.remove();
      }
    }
  }

  private static boolean caughtUp(
      KafkaConsumer<String, String> kafka, Map<TopicPartition, Long> target) {
    return target.entrySet().stream()
        .allMatch(end -> kafka.position(end.getKey()) >= end.getValue());
  }

  private Map<String, Object> consumerSettings() {
    Map<String, Object> settings =
        KafkaClientSettings.standaloneConsumer(kafkaConfig, topic + "-reader");
    // the broker answers one fetch of a connection at a time: a fetch parked there for long would
    // hold back the end offsets a catch-up asks for
    settings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    return settings;
  }

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One wait for the end offsets of a moment, shared by every caller who asked before it. */
  private static final class CatchUp {
    final CountDownLatch done = new CountDownLatch(1);
    volatile Map<TopicPartition, Long> target;
  }
}
