package com.tgm.erpsync.mapping.messaging;

import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.outbox.KafkaClientSettings;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The ids of the connections that exist, read from the compacted {@code erp.connections} topic into
 * memory. Each replica reads every partition from the beginning (no consumer group), so each knows
 * every connection; it is "loaded" once it has read up to the end offsets seen at startup. Only the
 * keys matter here: a value is a connection, a tombstone its deletion, which fires {@link
 * ConnectionDeleted} on this reader's thread before the next record is read. A failed reaction is
 * retried from the same record, so no deletion is skipped.
 */
@ApplicationScoped
public class ConnectionTable {
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration RETRY = Duration.ofSeconds(2);

  private final Set<Long> connections = ConcurrentHashMap.newKeySet();
  private final CountDownLatch loaded = new CountDownLatch(1);
  private final Object arrivals = new Object();
  private final Map<String, Object> kafkaConfig;
  private final Event<ConnectionDeleted> deletions;
  private volatile boolean running;
  private volatile KafkaConsumer<String, String> consumer;
  private Thread reader;

  /** Where each partition continues after a reconnect (reader thread only). */
  private final Map<TopicPartition, Long> next = new HashMap<>();

  public ConnectionTable(
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
      Event<ConnectionDeleted> deletions) {
    this.kafkaConfig = kafkaConfig;
    this.deletions = deletions;
  }

  void start(@Observes StartupEvent event) {
    running = true;
    reader = new Thread(this::readForever, "erp-connections-reader");
    reader.setDaemon(true);
    reader.start();
  }

  void stop(@Observes ShutdownEvent event) throws InterruptedException {
    running = false;
    KafkaConsumer<String, String> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    if (reader != null) {
      reader.join(TimeUnit.SECONDS.toMillis(10));
    }
  }

  public boolean isKnown(long connectionId) {
    return connections.contains(connectionId);
  }

  /**
   * Whether the connection exists, waiting up to {@code timeout} for its snapshot: a connection
   * created a moment ago may still be on its way through connection-service's outbox.
   */
  public boolean awaitKnown(long connectionId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (arrivals) {
      while (!isKnown(connectionId)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(arrivals, left);
      }
    }
    return true;
  }

  public boolean isLoaded() {
    return loaded.getCount() == 0;
  }

  public boolean awaitLoaded(Duration timeout) throws InterruptedException {
    return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public int size() {
    return connections.size();
  }

  private void readForever() {
    while (running) {
      try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(consumerSettings())) {
        consumer = kafka;
        readUntilStopped(kafka);
      } catch (WakeupException stopping) {
        return;
      } catch (RuntimeException e) {
        // Kafka unreachable, the topic missing, or a deletion not applied: the same record again
        Log.warnf(
            "ERP connection table: cannot read %s (%s); retrying in %d s",
            Topics.CONNECTIONS, e, RETRY.toSeconds());
        sleepQuietly(RETRY);
      }
    }
  }

  private void readUntilStopped(KafkaConsumer<String, String> kafka) {
    List<TopicPartition> partitions =
        kafka.partitionsFor(Topics.CONNECTIONS, Duration.ofSeconds(30)).stream()
            .map(info -> new TopicPartition(info.topic(), info.partition()))
            .toList();
    if (partitions.isEmpty()) {
      throw new IllegalStateException("topic " + Topics.CONNECTIONS + " does not exist");
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
      for (ConsumerRecord<String, String> record : kafka.poll(POLL)) {
        apply(record);
        next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
      }
      if (!isLoaded()
          && endAtStart.entrySet().stream()
              .allMatch(end -> kafka.position(end.getKey()) >= end.getValue())) {
        loaded.countDown();
        Log.infof("ERP connection table loaded: %d connection(s)", connections.size());
      }
    }
  }

  private void apply(ConsumerRecord<String, String> record) {
    long id;
    try {
      id = Long.parseLong(record.key());
    } catch (NumberFormatException | NullPointerException e) {
      Log.errorf(
          "ERP connection table: skipped record with bad key '%s' at %s-%d@%d",
          record.key(), record.topic(), record.partition(), record.offset());
      return;
    }
    if (record.value() != null) {
      if (connections.add(id)) {
        synchronized (arrivals) {
          arrivals.notifyAll();
        }
      }
      return;
    }
    // unknown to requests first, so none maps it while its mappings are removed
    connections.remove(id);
    deletions.fire(new ConnectionDeleted(id));
  }

  private Map<String, Object> consumerSettings() {
    Map<String, Object> settings =
        KafkaClientSettings.standaloneConsumer(kafkaConfig, "erp-connections-reader");
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
}
