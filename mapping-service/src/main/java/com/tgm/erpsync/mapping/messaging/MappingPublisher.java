package com.tgm.erpsync.mapping.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.snapshot.MappingSnapshot;
import com.tgm.erpsync.mapping.service.MappingDefinition;
import com.tgm.erpsync.mapping.service.StoredMapping;
import com.tgm.erpsync.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes each committed mapping change to the compacted erp.mappings (key mappingId): the full
 * snapshot, or a tombstone on delete, written to the outbox in the transaction of the change.
 */
@ApplicationScoped
public class MappingPublisher {
  private final Outbox outbox;
  private final ObjectMapper mapper;

  public MappingPublisher(Outbox outbox, ObjectMapper mapper) {
    this.outbox = outbox;
    this.mapper = mapper;
  }

  public void publish(StoredMapping mapping) {
    outbox.append(Topics.MAPPINGS, key(mapping.id()), json(snapshot(mapping)));
  }

  public void publishDeletion(long mappingId) {
    outbox.append(Topics.MAPPINGS, key(mappingId), null);
  }

  public static MappingSnapshot snapshot(StoredMapping mapping) {
    MappingDefinition d = mapping.definition();
    return new MappingSnapshot(
        MessageMeta.create("mapping-" + mapping.id() + "-v" + mapping.version()),
        mapping.id(),
        mapping.connectionId(),
        d.tgmEntityType(),
        d.erpEntityName(),
        d.syncEnabled(),
        d.syncDirection(),
        d.conflictResolution(),
        d.batchSize(),
        d.deltaField(),
        d.filter(),
        d.fieldMappings(),
        mapping.version(),
        mapping.updatedAt());
  }

  /**
   * Waits until the mapping's committed changes are on erp.mappings, at most {@code timeout}: an
   * admin who creates a mapping and starts a sync right after finds it known to the orchestrator.
   * Returns whether they are.
   */
  public boolean awaitPublished(long mappingId, java.time.Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (outbox.hasPending(Topics.MAPPINGS, key(mappingId))) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  /** The topic's key: the mapping id as a decimal string. */
  public static String key(long mappingId) {
    return Long.toString(mappingId);
  }

  private String json(MappingSnapshot snapshot) {
    try {
      return mapper.writeValueAsString(snapshot);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the snapshot of mapping " + snapshot.id(), e);
    }
  }
}
