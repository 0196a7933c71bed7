package com.tgm.erpsync.connector.kit.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every connection's configuration, read from the compacted {@code erp.connections} topic into
 * memory. Each replica reads every partition from the beginning (no consumer group), so each has
 * the whole table; it is "loaded" once it has read up to the end offsets seen at startup.
 */
@ApplicationScoped
public class ConnectionTable {
  private static final Duration POLL = Duration.ofMillis(500);

  private final Map<Long, ConnectionSnapshot> connections = new ConcurrentHashMap<>();
  private final CountDownLatch loaded = new CountDownLatch(1);
  private final ObjectMapper mapper;
  private final String bootstrapServers;
  private volatile boolean running;
  private volatile KafkaConsumer<String, String> consumer;
  private Thread reader;

  public ConnectionTable(
      ObjectMapper mapper,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.mapper = mapper;
    this.bootstrapServers = bootstrapServers;
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

  public Optional<ConnectionSnapshot> find(long connectionId) {
    return Optional.ofNullable(connections.get(connectionId));
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
      try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(consumerProperties())) {
        consumer = kafka;
        readUntilStopped(kafka);
      } catch (WakeupException stopping) {
        return;
      } catch (RuntimeException e) {
        // Kafka unreachable or the topic missing: keep trying, readiness stays DOWN meanwhile
        Log.warnf("ERP connection table: cannot read %s (%s); retrying", Topics.CONNECTIONS, e);
        sleepQuietly(Duration.ofSeconds(2));
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
    kafka.seekToBeginning(partitions);
    Map<TopicPartition, Long> endAtStart = new HashMap<>(kafka.endOffsets(partitions));
    while (running) {
      for (ConsumerRecord<String, String> record : kafka.poll(POLL)) {
        apply(record);
      }
      if (!isLoaded() && caughtUp(kafka, endAtStart)) {
        loaded.countDown();
        Log.infof("ERP connection table loaded: %d connection(s)", connections.size());
      }
    }
  }

  private static boolean caughtUp(
      KafkaConsumer<String, String> kafka, Map<TopicPartition, Long> endAtStart) {
    return endAtStart.entrySet().stream()
        .allMatch(end -> kafka.position(end.getKey()) >= end.getValue());
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
    if (record.value() == null) {
      connections.remove(id);
      return;
    }
    try {
      ConnectionSnapshot snapshot = mapper.readValue(record.value(), ConnectionSnapshot.class);
      connections.merge(id, snapshot, (old, neu) -> neu.version() >= old.version() ? neu : old);
    } catch (Exception e) {
      // never log the value: it carries (encrypted) credentials
      Log.errorf(
          "ERP connection table: undecodable snapshot for connection %d at %s-%d@%d: %s",
          id, record.topic(), record.partition(), record.offset(), e.getClass().getSimpleName());
    }
  }

  private Properties consumerProperties() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "erp-connections-reader");
    return props;
  }

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
