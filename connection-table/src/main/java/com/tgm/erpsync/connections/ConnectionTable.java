package com.tgm.erpsync.connections;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
 *
 * <p>Commands arrive on another topic, so one can overtake the snapshot it depends on; {@link
 * #awaitCaughtUp} lets the sender's snapshot be read before the command is refused.
 */
@ApplicationScoped
public class ConnectionTable {
  // short, so that a catch-up request waits little for the reader to take it
  private static final Duration POLL = Duration.ofMillis(100);

  private final Map<Long, ConnectionSnapshot> connections = new ConcurrentHashMap<>();
  private final CountDownLatch loaded = new CountDownLatch(1);
  private final ObjectMapper mapper;
  private final String bootstrapServers;
  private final Instance<ConnectionTableListener> listeners;
  private volatile boolean running;
  private volatile KafkaConsumer<String, String> consumer;
  private Thread reader;

  /** The catch-up round callers join until the reader fetches its end offsets. */
  private final AtomicReference<CatchUp> requested = new AtomicReference<>();

  // touched by the reader thread only; kept across reconnects so no waiting caller is dropped
  private CatchUp untargeted;
  private final List<CatchUp> targeted = new ArrayList<>();

  public ConnectionTable(
      ObjectMapper mapper,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      Instance<ConnectionTableListener> listeners) {
    this.mapper = mapper;
    this.bootstrapServers = bootstrapServers;
    this.listeners = listeners;
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

  /**
   * Waits until the table has read {@code erp.connections} up to its end offsets as they are now,
   * so every snapshot published before this call is applied. Records published afterwards may or
   * may not be. Returns false if that takes longer than {@code timeout}.
   */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    CatchUp round = requested.updateAndGet(pending -> pending != null ? pending : new CatchUp());
    return round.done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
      targetRequestedCatchUp(kafka, partitions);
      completeCaughtUpRounds(kafka);
      for (ConsumerRecord<String, String> record : kafka.poll(POLL)) {
        apply(record);
      }
      if (!isLoaded() && caughtUp(kafka, endAtStart)) {
        loaded.countDown();
        Log.infof("ERP connection table loaded: %d connection(s)", connections.size());
      }
    }
  }

  /**
   * Fixes the target of the requested round at the end offsets of this moment. The round leaves
   * {@code requested} before the fetch, so no caller joins it after its target was taken.
   */
  private void targetRequestedCatchUp(
      KafkaConsumer<String, String> kafka, List<TopicPartition> partitions) {
    if (untargeted == null) {
      untargeted = requested.getAndSet(null);
    }
    if (untargeted != null) {
      untargeted.target = Map.copyOf(kafka.endOffsets(partitions));
      targeted.add(untargeted);
      untargeted = null;
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

  /** Listeners drop what they derived from a connection that changed or went. */
  private void tell(long id, ConnectionSnapshot before, ConnectionSnapshot now) {
    for (ConnectionTableListener listener : listeners) {
      try {
        listener.changed(id, before, now);
      } catch (RuntimeException e) {
        Log.errorf(e, "ERP connection table: %s failed on a change of connection %d", listener, id);
      }
    }
  }

  private static boolean caughtUp(
      KafkaConsumer<String, String> kafka, Map<TopicPartition, Long> target) {
    return target.entrySet().stream()
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
      ConnectionSnapshot before = connections.remove(id);
      if (before != null) {
        tell(id, before, null);
      }
      return;
    }
    try {
      ConnectionSnapshot snapshot = mapper.readValue(record.value(), ConnectionSnapshot.class);
      ConnectionSnapshot before = connections.get(id);
      ConnectionSnapshot now =
          connections.merge(id, snapshot, (old, neu) -> neu.version() >= old.version() ? neu : old);
      if (before == null || now.version() != before.version()) {
        tell(id, before, now);
      }
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
    // the broker answers one request of a connection at a time: a fetch parked there for long
    // would hold back the end offsets a catch-up asks for
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
    return props;
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
    Map<TopicPartition, Long> target;
  }
}
