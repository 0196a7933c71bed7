package com.tgm.erpsync.orchestrator.sync;

import com.tgm.erpsync.contracts.event.SyncEvent;
import com.tgm.erpsync.contracts.event.SyncEventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * conflict.detected and conflict.resolved CloudEvents on erp.sync.events, through the outbox in the
 * transaction that found or settled the conflict. A conflict the strategy settled at once has both,
 * with the same record; one parked for a person has its id, and its resolved event follows the
 * decision.
 */
@ApplicationScoped
public class ConflictEvents {
  private final JobEvents events;

  public ConflictEvents(JobEvents events) {
    this.events = events;
  }

  /** The record changed on both sides since the base. */
  void detected(Conflicted record, Long conflictId, List<String> fields, String status) {
    Map<String, Object> data = data(record, conflictId, fields);
    data.put("status", status);
    publish(SyncEventTypes.CONFLICT_DETECTED, record, conflictId, data);
  }

  /**
   * Settled: by the strategy ({@code resolution} the side that won, or MERGED) or by a person
   * ({@code resolvedBy}).
   */
  void resolved(
      Conflicted record,
      Long conflictId,
      List<String> fields,
      String resolution,
      String resolvedBy) {
    Map<String, Object> data = data(record, conflictId, fields);
    data.put("status", "RESOLVED");
    data.put("resolution", resolution);
    data.put("resolvedBy", resolvedBy);
    publish(SyncEventTypes.CONFLICT_RESOLVED, record, conflictId, data);
  }

  private void publish(String type, Conflicted record, Long conflictId, Map<String, Object> data) {
    String subject =
        conflictId != null
            ? "conflicts/" + conflictId
            : "connections/"
                + record.connectionId()
                + "/"
                + record.entityType()
                + "/"
                + record.tgmId();
    events.publish(
        record.connectionId(),
        SyncEvent.of(type, events.source(), subject, Long.toString(record.jobId()), data));
  }

  private static Map<String, Object> data(Conflicted record, Long conflictId, List<String> fields) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("conflictId", conflictId);
    data.put("connectionId", record.connectionId());
    data.put("mappingId", record.mappingId());
    data.put("entityType", record.entityType());
    data.put("tgmRecordId", record.tgmId());
    data.put("erpRecordId", ErpKeys.display(record.erpKey()));
    data.put("strategy", record.strategy());
    data.put("conflictingFields", fields);
    data.put("jobId", record.jobId());
    return data;
  }

  /** The record a conflict event is about. */
  record Conflicted(
      long connectionId,
      long mappingId,
      String entityType,
      long tgmId,
      String erpKey,
      String strategy,
      long jobId) {}
}
