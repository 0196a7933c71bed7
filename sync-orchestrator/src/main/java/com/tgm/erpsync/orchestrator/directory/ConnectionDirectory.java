package com.tgm.erpsync.orchestrator.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Every connection as erp.connections says it is now, in memory: the latest snapshot per
 * connection, a tombstone removing it (and firing {@link ConnectionDeleted}). The orchestrator
 * never needs credentials, so a snapshot is kept with an empty {@code secrets} map: nothing secret
 * is held, decrypted or exposed here.
 */
@ApplicationScoped
public class ConnectionDirectory {
  private final Map<Long, ConnectionSnapshot> connections = new ConcurrentHashMap<>();
  private final Object arrivals = new Object();
  private final ObjectMapper mapper;
  private final Event<ConnectionDeleted> deletions;
  private final CompactedTopicReader reader;

  public ConnectionDirectory(
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
      ObjectMapper mapper,
      Event<ConnectionDeleted> deletions) {
    this.mapper = mapper;
    this.deletions = deletions;
    this.reader = new CompactedTopicReader(Topics.CONNECTIONS, kafkaConfig, this::apply);
  }

  void start(@Observes StartupEvent event) {
    reader.start();
  }

  void stop(@Observes ShutdownEvent event) throws InterruptedException {
    reader.stop();
  }

  /** The connection's latest snapshot, secrets left out. */
  public Optional<ConnectionSnapshot> find(long connectionId) {
    return Optional.ofNullable(connections.get(connectionId));
  }

  /** Every known connection, by id. */
  public List<ConnectionSnapshot> all() {
    return connections.values().stream()
        .sorted(Comparator.comparingLong(ConnectionSnapshot::id))
        .toList();
  }

  /**
   * The connection, waiting up to {@code timeout} for its snapshot: one created a moment ago may
   * still be on its way from connection-service. Empty when it does not arrive in time.
   */
  public Optional<ConnectionSnapshot> awaitKnown(long connectionId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (arrivals) {
      while (!connections.containsKey(connectionId)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Optional.empty();
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(arrivals, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return find(connectionId);
  }

  /**
   * Waits until every snapshot on erp.connections at the time of the call has been read; false when
   * that takes longer than {@code timeout}.
   */
  public boolean awaitCaughtUp(Duration timeout) {
    try {
      return reader.awaitCaughtUp(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** True once erp.connections has been read up to its end offsets seen at start. */
  public boolean isLoaded() {
    return reader.isLoaded();
  }

  public boolean awaitLoaded(Duration timeout) throws InterruptedException {
    return reader.awaitLoaded(timeout);
  }

  public int size() {
    return connections.size();
  }

  private void apply(ConsumerRecord<String, String> record) {
    long id;
    try {
      id = Long.parseLong(record.key());
    } catch (NumberFormatException | NullPointerException e) {
      Log.errorf(
          "ERP connection directory: skipped record with bad key '%s' at %s-%d@%d",
          record.key(), record.topic(), record.partition(), record.offset());
      return;
    }
    if (record.value() == null) {
      // unknown to new requests first, so that none starts a job while the old ones are cancelled
      connections.remove(id);
      deletions.fire(new ConnectionDeleted(id));
      return;
    }
    ConnectionSnapshot snapshot;
    try {
      snapshot = decode(record.value());
    } catch (Exception e) {
      // never log the value: it carries (encrypted) credentials
      Log.errorf(
          "ERP connection directory: undecodable snapshot of connection %d at %s-%d@%d: %s",
          id, record.topic(), record.partition(), record.offset(), e.getClass().getSimpleName());
      return;
    }
    connections.merge(id, snapshot, (old, neu) -> neu.version() >= old.version() ? neu : old);
    synchronized (arrivals) {
      arrivals.notifyAll();
    }
  }

  private ConnectionSnapshot decode(String json) throws Exception {
    JsonNode tree = mapper.readTree(json);
    if (!(tree instanceof ObjectNode object)) {
      throw new IllegalArgumentException("not a JSON object");
    }
    object.putObject("secrets");
    return mapper.treeToValue(object, ConnectionSnapshot.class);
  }
}
