package com.tgm.erpsync.orchestrator.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.contracts.ConflictResolution;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.change.ChangeOperation;
import com.tgm.erpsync.contracts.change.ErpChangeNotification;
import com.tgm.erpsync.contracts.change.ErpChangeType;
import com.tgm.erpsync.contracts.change.TgmRecordChanged;
import com.tgm.erpsync.contracts.result.ErpRecord;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.contracts.snapshot.MappingSnapshot;
import com.tgm.erpsync.mapping.engine.MappingEngine;
import com.tgm.erpsync.mapping.engine.MappingResult;
import com.tgm.erpsync.orchestrator.directory.ConnectionDirectory;
import com.tgm.erpsync.orchestrator.directory.MappingDirectory;
import com.tgm.erpsync.orchestrator.sync.CommandRepository.Answered;
import com.tgm.erpsync.orchestrator.sync.CommandRepository.Issued;
import com.tgm.erpsync.orchestrator.sync.TaskResources.Resources;
import com.tgm.erpsync.orchestrator.tgm.TgmRow;
import com.tgm.erpsync.orchestrator.tgm.TgmStore;
import com.tgm.erpsync.orchestrator.tgm.TgmWriteException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Realtime sync in both directions. A TGM change (tgm.changes) becomes a write to every connection
 * whose mapping of the entity sends TGM records out; an ERP change (erp.changes) is applied to TGM,
 * fetched first when the notification names only the key. Each change counts in its connection's
 * REALTIME job of the hour ({@link RealtimeJobs}).
 *
 * <p>A change that sync itself made comes back and is skipped: a TGM write marked as synced from
 * the connection, or values that hash to the ledger's merge base. A record changes at most one
 * command at a time: a change while its write or fetch is in flight is coalesced into it, and the
 * record is read again once that is answered, so its latest state goes out last. A write the ERP
 * refuses because the record changed there (ETag) is settled by fetching the record and merging by
 * the mapping's strategy, like any record changed on both sides.
 */
@ApplicationScoped
public class RealtimeSync {
  private final ConnectionDirectory connections;
  private final MappingDirectory mappings;
  private final TaskResources resources;
  private final RealtimeJobs realtimeJobs;
  private final JobRepository jobs;
  private final TgmStore tgm;
  private final LedgerRepository ledger;
  private final CommandRepository commands;
  private final CommandSender sender;
  private final ConflictRepository conflicts;
  private final OutboundFeeder outbound;
  private final InboundPages inbound;
  private final RecordFailures failures;
  private final JobFlow flow;
  private final Event<ErpCollectionChanged> collections;

  public RealtimeSync(
      ConnectionDirectory connections,
      MappingDirectory mappings,
      TaskResources resources,
      RealtimeJobs realtimeJobs,
      JobRepository jobs,
      TgmStore tgm,
      LedgerRepository ledger,
      CommandRepository commands,
      CommandSender sender,
      ConflictRepository conflicts,
      OutboundFeeder outbound,
      InboundPages inbound,
      RecordFailures failures,
      JobFlow flow,
      Event<ErpCollectionChanged> collections) {
    this.connections = connections;
    this.mappings = mappings;
    this.resources = resources;
    this.realtimeJobs = realtimeJobs;
    this.jobs = jobs;
    this.tgm = tgm;
    this.ledger = ledger;
    this.commands = commands;
    this.sender = sender;
    this.conflicts = conflicts;
    this.outbound = outbound;
    this.inbound = inbound;
    this.failures = failures;
    this.flow = flow;
    this.collections = collections;
  }

  /** Whether realtime sync can work: the directories are read. */
  public boolean ready() {
    return resources.loaded();
  }

  // ------------------------------------------------------------------------------ TGM → ERP

  /** A batch of TGM changes, in the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void tgmChanged(List<TgmRecordChanged> changes) {
    requireReady();
    Map<Long, List<Target<TgmRecordChanged>>> byConnection = new TreeMap<>();
    for (TgmRecordChanged change : changes) {
      for (MappingSnapshot mapping : mappings.all()) {
        if (mapping.tgmEntityType() == change.entityType()) {
          connections
              .find(mapping.connectionId())
              .filter(connection -> sendsOut(connection, mapping))
              .filter(connection -> concerns(connection, change))
              .ifPresent(
                  connection ->
                      byConnection
                          .computeIfAbsent(connection.id(), id -> new ArrayList<>())
                          .add(new Target<>(connection, mapping, change)));
        }
      }
    }
    Work work = new Work(jobs, Map.of());
    // connections in id order: two batches lock the same REALTIME jobs in the same order
    for (List<Target<TgmRecordChanged>> targets : byConnection.values()) {
      SyncJob job = realtimeJobs.current(work, targets.get(0).connection());
      for (Target<TgmRecordChanged> target : targets) {
        SyncTask task = realtimeJobs.task(work, job, target.mapping(), SyncTask.OUTBOUND);
        Optional<Resources> with = resources(target.connection(), target.mapping());
        if (with.isEmpty()) {
          failures.record(
              job,
              task,
              target.change().recordId(),
              null,
              ErrorCode.MAPPING_ERROR,
              "Mapping " + target.mapping().id() + " is unusable",
              false);
          continue;
        }
        tgmChange(work, job, task, with.get(), target.change());
      }
    }
    flow.finish(work);
  }

  /**
   * A deletion concerns only the connections the record was synced with; the others never knew it,
   * and their jobs do not count it.
   */
  private boolean concerns(ConnectionSnapshot connection, TgmRecordChanged change) {
    return change.operation() != ChangeOperation.DELETE
        || ledger.byTgmId(connection.id(), change.entityType(), change.recordId()).isPresent();
  }

  private void tgmChange(
      Work work, SyncJob job, SyncTask task, Resources with, TgmRecordChanged change) {
    EntityType entity = change.entityType();
    long id = change.recordId();
    if (Objects.equals(change.syncedFromConnectionId(), job.connectionId)) {
      Log.debugf(
          "ErpSync TGM %s %d: written by sync of connection %d, skipped",
          entity, id, job.connectionId);
      job.skipped(); // its own write coming back
      return;
    }
    ConflictRepository.Conflict open =
        conflicts.openOf(job.connectionId, entity, List.of(id)).get(id);
    if (change.operation() == ChangeOperation.DELETE) {
      deleteOut(work, job, task, with, id, open);
      return;
    }
    Optional<TgmRow> row = tgm.find(entity, id);
    if (row.isEmpty()) {
      job.skipped(); // deleted since: its own change follows
      return;
    }
    if (open != null) {
      // parked: the conflict shows what TGM holds now, nothing is written until it is resolved
      conflicts.updateSide(open.id(), true, row.get().values(), null, row.get().updatedAt());
      job.skipped();
      return;
    }
    offer(work, job, task, with, row.get());
  }

  /** Offers a TGM record as it is now, unless a write of it is in flight (then after that). */
  private void offer(Work work, SyncJob job, SyncTask task, Resources with, TgmRow row) {
    if (commands.coalesceWrite(job.connectionId, task.entityType, row.id())) {
      job.skipped(); // goes out with the next write, read once the one in flight is answered
      return;
    }
    LedgerEntry link = ledger.byTgmId(job.connectionId, task.entityType, row.id()).orElse(null);
    // unchanged since the base: counted skipped; refused by the mapping: logged as failed
    outbound.offer(job, task, with, row, link, false, outbound.pendingOf(work, job, task, with));
  }

  private void deleteOut(
      Work work,
      SyncJob job,
      SyncTask task,
      Resources with,
      long tgmId,
      ConflictRepository.Conflict open) {
    LedgerEntry link = ledger.byTgmId(job.connectionId, task.entityType, tgmId).orElse(null);
    if (link == null || open != null) {
      job.skipped(); // gone meanwhile, or parked in a conflict that the deletion leaves to a person
      return;
    }
    if (commands.coalesceWrite(job.connectionId, task.entityType, tgmId)) {
      job.skipped();
      return;
    }
    String key = "job-" + job.id + ":mapping-" + task.mappingId + ":tgm-" + tgmId + ":delete";
    boolean fresh =
        commands.insert(
            new Issued(
                key,
                CommandRepository.DELETE,
                job.id,
                task.mappingId,
                job.connectionId,
                task.entityType,
                tgmId,
                null,
                null,
                null,
                link.erpKey()));
    if (!fresh) {
      return;
    }
    sender.delete(
        job,
        task,
        with.connection().erpType(),
        tgmId,
        ErpKeys.parse(link.erpKey()),
        link.etag(),
        key);
    task.commandsIssued++;
  }

  // ------------------------------------------------------------------------------ ERP → TGM

  /** A batch of ERP change notifications, in the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void erpChanged(List<ErpChangeNotification> notifications) {
    requireReady();
    Map<Long, List<Target<ErpChangeNotification>>> byConnection = new TreeMap<>();
    for (ErpChangeNotification notification : notifications) {
      Optional<ConnectionSnapshot> connection =
          connections.find(notification.connectionId()).filter(RealtimeSync::syncs);
      if (connection.isEmpty()) {
        Log.debugf(
            "ErpSync ERP change %s of connection %d ignored: unknown, disabled or not syncing",
            notification.eventId(), notification.connectionId());
        continue;
      }
      boolean matched = false;
      for (MappingSnapshot mapping : mappings.mappingsOf(connection.get().id())) {
        if (takesIn(connection.get(), mapping) && names(mapping, notification.erpEntityName())) {
          matched = true;
          byConnection
              .computeIfAbsent(connection.get().id(), id -> new ArrayList<>())
              .add(new Target<>(connection.get(), mapping, notification));
        }
      }
      if (!matched) {
        Log.debugf(
            "ErpSync ERP change of %s on connection %d ignored: no inbound mapping of it",
            notification.erpEntityName(), notification.connectionId());
      }
    }
    Work work = new Work(jobs, Map.of());
    for (List<Target<ErpChangeNotification>> targets : byConnection.values()) {
      SyncJob job = realtimeJobs.current(work, targets.get(0).connection());
      for (Target<ErpChangeNotification> target : targets) {
        SyncTask task = realtimeJobs.task(work, job, target.mapping(), SyncTask.INBOUND);
        Optional<Resources> with = resources(target.connection(), target.mapping());
        if (with.isEmpty()) {
          failures.record(
              job,
              task,
              null,
              null,
              ErrorCode.MAPPING_ERROR,
              "Mapping " + target.mapping().id() + " is unusable",
              false);
          continue;
        }
        erpChange(work, job, task, with.get(), target.change());
      }
    }
    flow.finish(work);
  }

  private void erpChange(
      Work work, SyncJob job, SyncTask task, Resources with, ErpChangeNotification change) {
    MappingEngine engine = with.engine();
    Map<String, String> key = change.erpKey();
    if ((key == null || key.isEmpty()) && change.values() != null) {
      key = engine.erpKey(SyncJson.object(change.values())).orElse(null);
    }
    String canonical = key == null || key.isEmpty() ? null : ErpKeys.canonical(with.mapping(), key);
    if (change.changeType() == ErpChangeType.COLLECTION) {
      Log.infof(
          "ERP realtime sync of connection %d: %s changed in bulk (%s); it is read again",
          job.connectionId, change.erpEntityName(), change.filter());
      collections.fire(
          new ErpCollectionChanged(
              job.connectionId, change.erpEntityName(), change.filter(), change.eventId()));
      return;
    }
    if (canonical == null) {
      failures.record(
          job,
          task,
          null,
          null,
          ErrorCode.VALIDATION_ERROR,
          "ERP change of "
              + change.erpEntityName()
              + " without a key of mapping "
              + with.mapping().id(),
          false);
      return;
    }
    if (ledger.byErpKeys(job.connectionId, task.entityType, List.of(canonical)).isEmpty()) {
      // named by part of its key (a business event's object id): the linked record it is
      canonical =
          ledger
              .byPartialKey(job.connectionId, task.entityType, canonical)
              .map(LedgerEntry::erpKey)
              .orElse(canonical);
    }
    if (change.changeType() == ErpChangeType.DELETED) {
      deleteIn(job, task, canonical);
      return;
    }
    if (change.values() != null && !change.values().isEmpty()) {
      ErpRecord record =
          new ErpRecord(ErpKeys.parse(canonical), null, change.occurredAt(), change.values());
      inbound.applyRealtime(work, job, task, with, List.of(record));
      return;
    }
    fetch(job, task, with, canonical);
  }

  private void deleteIn(SyncJob job, SyncTask task, String canonical) {
    LedgerEntry link =
        ledger.byErpKeys(job.connectionId, task.entityType, List.of(canonical)).get(canonical);
    if (link == null) {
      job.skipped(); // never in TGM
      return;
    }
    if (conflicts
        .openOf(job.connectionId, task.entityType, List.of(link.tgmId()))
        .containsKey(link.tgmId())) {
      job.skipped(); // parked: a person decides
      return;
    }
    try {
      tgm.delete(task.entityType, link.tgmId(), job.connectionId);
    } catch (TgmWriteException e) {
      failures.record(
          job,
          task,
          link.tgmId(),
          canonical,
          e.errorCode(),
          "deleted in the ERP, but TGM keeps it: " + e.getMessage(),
          false);
      return;
    }
    ledger.unlinkTgm(job.connectionId, task.entityType, link.tgmId());
    job.succeeded();
  }

  /**
   * Fetches an ERP record in the job, or coalesces into its fetch in flight. Each fetch counts as
   * one record of the job.
   */
  private void fetch(SyncJob job, SyncTask task, Resources with, String canonical) {
    if (commands.coalesceFetch(job.connectionId, task.mappingId, canonical)) {
      job.skipped();
      return;
    }
    commands.rearm(Issued.fetch(job, task, canonical));
    sender.fetch(job, task, with.connection().erpType(), ErpKeys.parse(canonical));
    task.commandsIssued++;
  }

  // ------------------------------------------------------------------ after an answer (any job)

  /**
   * The record changed again while its command was in flight: offered again (or fetched again) in
   * the connection's REALTIME job, from what it holds now.
   */
  void again(Work work, Answered command) {
    Optional<MappingSnapshot> mapping = resources.mapping(command.mappingId());
    Optional<ConnectionSnapshot> connection =
        mapping.flatMap(m -> connections.find(m.connectionId())).filter(RealtimeSync::syncs);
    if (mapping.isEmpty() || connection.isEmpty()) {
      return;
    }
    Optional<Resources> with = resources(connection.get(), mapping.get());
    if (with.isEmpty()) {
      return;
    }
    SyncJob job = realtimeJobs.current(work, connection.get());
    if (CommandRepository.FETCH.equals(command.kind())) {
      if (command.erpKey() != null && takesIn(connection.get(), mapping.get())) {
        SyncTask task = realtimeJobs.task(work, job, mapping.get(), SyncTask.INBOUND);
        fetch(job, task, with.get(), command.erpKey());
      }
      return;
    }
    if (command.tgmRecordId() == null || !sendsOut(connection.get(), mapping.get())) {
      return;
    }
    SyncTask task = realtimeJobs.task(work, job, mapping.get(), SyncTask.OUTBOUND);
    Optional<TgmRow> row = tgm.find(command.entity(), command.tgmRecordId());
    if (row.isEmpty()) {
      deleteOut(work, job, task, with.get(), command.tgmRecordId(), null);
    } else {
      offer(work, job, task, with.get(), row.get());
    }
  }

  /**
   * A write refused because the ERP record changed since the base: the record is fetched in the
   * REALTIME job and settled by the mapping's strategy. Returns false when the mapping does not
   * sync both ways (the refusal is then the answer).
   */
  boolean reconcile(Work work, Answered command) {
    Optional<MappingSnapshot> mapping = resources.mapping(command.mappingId());
    if (mapping.isEmpty() || command.erpKey() == null) {
      return false;
    }
    Optional<ConnectionSnapshot> connection =
        connections
            .find(mapping.get().connectionId())
            .filter(c -> syncs(c) && bothWays(c, mapping.get()));
    Optional<Resources> with = connection.flatMap(c -> resources(c, mapping.get()));
    if (with.isEmpty()) {
      return false;
    }
    SyncJob job = realtimeJobs.current(work, connection.get());
    SyncTask task = realtimeJobs.task(work, job, mapping.get(), SyncTask.INBOUND);
    Log.infof(
        "ERP realtime sync of connection %d: %s %s changed in the ERP since the last sync;"
            + " fetched to settle it by %s",
        job.connectionId,
        command.entity(),
        ErpKeys.display(command.erpKey()),
        strategyOf(mapping.get()));
    fetch(job, task, with.get(), command.erpKey());
    return true;
  }

  /**
   * Writes merged values to the ERP in the connection's REALTIME job: a conflict settled by the
   * strategy, or resolved by a person. The values (TGM field names, with every mapped field) become
   * the merge base once the ERP took them.
   *
   * @param etag the version of the ERP record the values were merged with (If-Match)
   */
  Optional<SyncJob> writeMerged(
      Work work,
      ConnectionSnapshot connection,
      MappingSnapshot mapping,
      long tgmId,
      ObjectNode values,
      String erpKey,
      String etag,
      String reason) {
    Optional<Resources> with = resources(connection, mapping);
    if (with.isEmpty()) {
      return Optional.empty();
    }
    SyncJob job = realtimeJobs.current(work, connection);
    SyncTask task = realtimeJobs.task(work, job, mapping, SyncTask.OUTBOUND);
    ObjectNode written = values.deepCopy();
    if (!written.has("id")) {
      written.put("id", tgmId);
    }
    MappingResult mapped = with.get().engine().toErp(written);
    if (!mapped.ok()) {
      failures.record(job, task, tgmId, erpKey, mapped.errorCode(), mapped.problemSummary(), false);
      return Optional.of(job);
    }
    String key =
        "job-"
            + job.id
            + ":mapping-"
            + mapping.id()
            + ":tgm-"
            + tgmId
            + ":"
            + reason
            + ":"
            + java.time.Instant.now().truncatedTo(ChronoUnit.MICROS);
    outbound.issue(
        job,
        task,
        with.get().engine(),
        key,
        tgmId,
        written,
        mapped,
        null,
        erpKey,
        etag,
        outbound.pendingOf(work, job, task, with.get()));
    return Optional.of(job);
  }

  // ------------------------------------------------------------------------------ helpers

  private void requireReady() {
    if (!resources.loaded()) {
      // just started: every connection would look unknown; the batch is retried
      throw new IllegalStateException(
          "ErpSync realtime changes wait until erp.connections and erp.mappings are read");
    }
  }

  private Optional<Resources> resources(ConnectionSnapshot connection, MappingSnapshot mapping) {
    return resources.engine(mapping.id()).map(engine -> new Resources(connection, mapping, engine));
  }

  static ConflictResolution strategyOf(MappingSnapshot mapping) {
    return mapping.conflictResolution() == null
        ? ConflictResolution.MANUAL
        : mapping.conflictResolution();
  }

  /** An enabled connection with sync on. */
  private static boolean syncs(ConnectionSnapshot connection) {
    return connection.enabled() && connection.syncEnabled();
  }

  /** TGM records of the mapping go out on the connection (both allow it, both sync). */
  private static boolean sendsOut(ConnectionSnapshot connection, MappingSnapshot mapping) {
    return syncs(connection)
        && mapping.syncEnabled()
        && directionOf(connection.syncDirection()).allowsOutbound()
        && directionOf(mapping.syncDirection()).allowsOutbound();
  }

  /** ERP records of the mapping come in on the connection. */
  private static boolean takesIn(ConnectionSnapshot connection, MappingSnapshot mapping) {
    return syncs(connection)
        && mapping.syncEnabled()
        && directionOf(connection.syncDirection()).allowsInbound()
        && directionOf(mapping.syncDirection()).allowsInbound();
  }

  private static SyncDirection directionOf(SyncDirection direction) {
    return direction == null ? SyncDirection.BIDIRECTIONAL : direction;
  }

  /** Both sides flow on the mapping: a record changed on both is a conflict to settle. */
  static boolean bothWays(ConnectionSnapshot connection, MappingSnapshot mapping) {
    return directionOf(connection.syncDirection()) == SyncDirection.BIDIRECTIONAL
        && directionOf(mapping.syncDirection()) == SyncDirection.BIDIRECTIONAL;
  }

  /** Whether a notification's entity name is the mapping's ERP entity (case aside). */
  private static boolean names(MappingSnapshot mapping, String erpEntityName) {
    return mapping.erpEntityName().equalsIgnoreCase(erpEntityName);
  }

  private record Target<C>(ConnectionSnapshot connection, MappingSnapshot mapping, C change) {}
}
