package com.tgm.erpsync.orchestrator.directory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.snapshot.MappingSnapshot;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Every entity mapping as erp.mappings says it is now, in memory: the latest version of each
 * mapping, indexed by its connection; a tombstone removes it. A job pins the version it started
 * with (sync_job_task.mapping_version).
 */
@ApplicationScoped
public class MappingDirectory {
  private final Map<Long, MappingSnapshot> mappings = new ConcurrentHashMap<>();
  private final Map<Long, Map<Long, MappingSnapshot>> byConnection = new ConcurrentHashMap<>();
  private final ObjectMapper mapper;
  private final CompactedTopicReader reader;

  public MappingDirectory(
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ObjectMapper mapper) {
    this.mapper = mapper;
    this.reader = new CompactedTopicReader(Topics.MAPPINGS, kafkaConfig, this::apply);
  }

  void start(@Observes StartupEvent event) {
    reader.start();
  }

  void stop(@Observes ShutdownEvent event) throws InterruptedException {
    reader.stop();
  }

  /** The connection's mappings (enabled or not), latest version of each, by id. */
  public List<MappingSnapshot> mappingsOf(long connectionId) {
    Map<Long, MappingSnapshot> ofConnection = byConnection.get(connectionId);
    if (ofConnection == null) {
      return List.of();
    }
    return ofConnection.values().stream()
        .sorted(Comparator.comparingLong(MappingSnapshot::id))
        .toList();
  }

  /** Every mapping of every connection, latest version of each. */
  public List<MappingSnapshot> all() {
    return List.copyOf(mappings.values());
  }

  public Optional<MappingSnapshot> find(long mappingId) {
    return Optional.ofNullable(mappings.get(mappingId));
  }

  /**
   * Waits until every snapshot on erp.mappings at the time of the call has been read; false when
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

  /** True once erp.mappings has been read up to its end offsets seen at start. */
  public boolean isLoaded() {
    return reader.isLoaded();
  }

  public boolean awaitLoaded(Duration timeout) throws InterruptedException {
    return reader.awaitLoaded(timeout);
  }

  public int size() {
    return mappings.size();
  }

  // the reader thread is the only writer; the index by connection changes first, so whoever sees a
  // change through find() also sees it in mappingsOf()
  private void apply(ConsumerRecord<String, String> record) {
    long id;
    try {
      id = Long.parseLong(record.key());
    } catch (NumberFormatException | NullPointerException e) {
      Log.errorf(
          "ERP mapping directory: skipped record with bad key '%s' at %s-%d@%d",
          record.key(), record.topic(), record.partition(), record.offset());
      return;
    }
    if (record.value() == null) {
      MappingSnapshot removed = mappings.get(id);
      if (removed != null) {
        forget(removed);
        mappings.remove(id);
      }
      return;
    }
    MappingSnapshot snapshot;
    try {
      snapshot = mapper.readValue(record.value(), MappingSnapshot.class);
    } catch (Exception e) {
      Log.errorf(
          "ERP mapping directory: undecodable snapshot of mapping %d at %s-%d@%d: %s",
          id, record.topic(), record.partition(), record.offset(), e.getMessage());
      return;
    }
    MappingSnapshot old = mappings.get(id);
    if (old != null && old.version() > snapshot.version()) {
      return; // a redelivered older version
    }
    if (old != null && old.connectionId() != snapshot.connectionId()) {
      forget(old);
    }
    byConnection
        .computeIfAbsent(snapshot.connectionId(), connection -> new ConcurrentHashMap<>())
        .put(id, snapshot);
    mappings.put(id, snapshot);
  }

  private void forget(MappingSnapshot mapping) {
    byConnection.computeIfPresent(
        mapping.connectionId(),
        (connection, ofConnection) -> {
          ofConnection.remove(mapping.id());
          return ofConnection.isEmpty() ? null : ofConnection;
        });
  }
}
