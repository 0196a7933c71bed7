package com.tgm.erpsync.orchestrator.jobs;

import com.tgm.erpsync.orchestrator.sync.ErpCollectionChanged;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * Reads an entity again when its ERP reported a bulk change: once the notification's transaction
 * committed, an inbound incremental sync of the entity's mappings starts. When another full or
 * incremental sync of the connection is active, that one or the next reads the changes (the
 * watermark of a sync is the moment it started), so nothing is started twice.
 */
@ApplicationScoped
public class CollectionRereads {
  static final String TRIGGERED_BY = "erp-collection-notification";

  private final SyncJobService jobs;

  public CollectionRereads(SyncJobService jobs) {
    this.jobs = jobs;
  }

  void reread(@Observes(during = TransactionPhase.AFTER_SUCCESS) ErpCollectionChanged change) {
    try {
      SyncJob job = jobs.startReread(change.connectionId(), change.erpEntityName(), TRIGGERED_BY);
      Log.infof(
          "ERP connection %d reported a bulk change of %s (event %s, filter %s):"
              + " incremental sync job %d reads it",
          change.connectionId(),
          change.erpEntityName(),
          change.eventId(),
          change.filter(),
          job.id());
    } catch (JobConflictException | UnknownResourceException refused) {
      Log.infof(
          "ERP connection %d reported a bulk change of %s (event %s): no re-read started: %s",
          change.connectionId(), change.erpEntityName(), change.eventId(), refused.getMessage());
    } catch (RuntimeException e) {
      Log.errorf(
          e,
          "ERP connection %d reported a bulk change of %s (event %s): the re-read could not start;"
              + " the next incremental sync reads it",
          change.connectionId(),
          change.erpEntityName(),
          change.eventId());
    }
  }
}
