package com.tgm.erpsync.orchestrator.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.contracts.ConflictResolution;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.JobType;
import com.tgm.erpsync.contracts.result.ErpRecord;
import com.tgm.erpsync.contracts.result.ExtractFailed;
import com.tgm.erpsync.contracts.result.PageExtracted;
import com.tgm.erpsync.contracts.result.RecordFailed;
import com.tgm.erpsync.contracts.result.RecordFetched;
import com.tgm.erpsync.mapping.engine.MappingEngine;
import com.tgm.erpsync.mapping.engine.MappingResult;
import com.tgm.erpsync.mapping.engine.MergeResult;
import com.tgm.erpsync.orchestrator.sync.TaskResources.Resolution;
import com.tgm.erpsync.orchestrator.sync.TaskResources.Resources;
import com.tgm.erpsync.orchestrator.tgm.TgmRow;
import com.tgm.erpsync.orchestrator.tgm.TgmStore;
import com.tgm.erpsync.orchestrator.tgm.TgmWriteException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * The inbound side of a job: pages of the ERP entity set asked for one after the other, each page
 * applied to TGM in one transaction with its ledger rows, its counters and the request for the next
 * page. A page is applied only when it answers the page the task is waiting for, so a replayed
 * command or a redelivered result changes nothing twice, and a restarted orchestrator resumes from
 * the last page applied.
 */
@ApplicationScoped
public class InboundPages {
  /** Business events: the guide's "grep ErpSync" and "grep ERP" find them. */
  private static final Logger LOG = Logger.getLogger("ErpSync.conflicts");

  private final LedgerRepository ledger;
  private final CommandRepository commands;
  private final WatermarkRepository watermarks;
  private final TgmStore tgm;
  private final CommandSender sender;
  private final TaskResources resources;
  private final RecordFailures failures;
  private final JobCompletion completion;
  private final SyncConfig config;
  private final ConflictRepository conflicts;
  private final ConflictEvents conflictEvents;
  private final RealtimeSync realtime;

  public InboundPages(
      LedgerRepository ledger,
      CommandRepository commands,
      WatermarkRepository watermarks,
      TgmStore tgm,
      CommandSender sender,
      TaskResources resources,
      RecordFailures failures,
      JobCompletion completion,
      SyncConfig config,
      ConflictRepository conflicts,
      ConflictEvents conflictEvents,
      RealtimeSync realtime) {
    this.conflicts = conflicts;
    this.conflictEvents = conflictEvents;
    this.realtime = realtime;
    this.ledger = ledger;
    this.commands = commands;
    this.watermarks = watermarks;
    this.tgm = tgm;
    this.sender = sender;
    this.resources = resources;
    this.failures = failures;
    this.completion = completion;
    this.config = config;
  }

  /** Asks for the first page: everything, or (incremental) what changed since the watermark. */
  void startPaging(SyncJob job, SyncTask task, Resources with) {
    task.pageCursor = null;
    task.modifiedSince = null;
    if (job.jobType == JobType.INCREMENTAL) {
      task.modifiedSince =
          watermarks
              .find(job.connectionId, task.mappingId, SyncTask.INBOUND)
              .map(watermark -> watermark.minus(config.incrementalOverlap()))
              .orElse(null);
    }
    sender.extractPage(job, task, with.mapping(), with.connection().erpType());
    Log.debugf(
        "ErpSync %s: first page asked for, modified since %s", task.describe(), task.modifiedSince);
  }

  /** Asks again for the page a task waits for, once its retry is due. */
  void resendPage(Work work, SyncJob job, SyncTask task) {
    Resolution resolution = resources.resolve(job, task);
    if (!resolution.ok()) {
      completion.fail(work, job, task, resolution.errorCode(), resolution.message());
      return;
    }
    task.retryAt = null;
    Resources with = resolution.resources();
    sender.extractPage(job, task, with.mapping(), with.connection().erpType());
    Log.infof(
        "ERP sync %s: page %d asked for again (try %d)",
        task.describe(), task.pagesDone + 1, task.pageFailures + 1);
  }

  /** Applies a page, if it is the one the task waits for, and asks for the next one. */
  void applyPage(Work work, PageExtracted page) {
    SyncJob job = work.job(page.jobId()).orElse(null);
    SyncTask task =
        job == null ? null : work.task(job.id, page.mappingId(), SyncTask.INBOUND).orElse(null);
    if (job == null
        || task == null
        || !job.isRunning()
        || !task.isRunning()
        || !Objects.equals(page.cursor(), task.pageCursor)
        || task.feedExhausted) {
      Log.debugf(
          "ErpSync page of job %d mapping %d at cursor %s ignored: not the page awaited",
          page.jobId(), page.mappingId(), page.cursor());
      return;
    }
    Resolution resolution = resources.resolve(job, task);
    if (!resolution.ok()) {
      completion.fail(work, job, task, resolution.errorCode(), resolution.message());
      return;
    }
    Resources with = resolution.resources();
    applyRecords(work, job, task, with, page.records());
    if (task.pagesDone == 0 && page.totalCount() != null && task.totalCount == null) {
      task.totalCount = page.totalCount();
      job.addTotal(page.totalCount());
    }
    task.pagesDone++;
    task.pageFailures = 0;
    task.retryAt = null;
    task.pageCursor = page.nextCursor();
    if (page.nextCursor() != null && !page.nextCursor().equals(page.cursor())) {
      sender.extractPage(job, task, with.mapping(), with.connection().erpType());
    } else {
      task.feedExhausted = true;
      task.status = SyncTask.DONE;
      Log.debugf("ErpSync %s: last page applied (%d pages)", task.describe(), task.pagesDone);
    }
  }

  /** A page the connector could not read: asked again after a pause, or the job fails. */
  void extractFailed(Work work, ExtractFailed failed) {
    SyncJob job = work.job(failed.jobId()).orElse(null);
    SyncTask task =
        job == null ? null : work.task(job.id, failed.mappingId(), SyncTask.INBOUND).orElse(null);
    if (job == null
        || task == null
        || !job.isRunning()
        || !task.isRunning()
        || task.retryAt != null
        || !Objects.equals(failed.cursor(), task.pageCursor)) {
      Log.debugf(
          "ErpSync page failure of job %d mapping %d at cursor %s ignored: not the page awaited",
          failed.jobId(), failed.mappingId(), failed.cursor());
      return;
    }
    if (failed.retryable() && task.pageFailures < config.pageRetries()) {
      task.pageFailures++;
      Duration pause =
          config.pageRetryBackoff().multipliedBy(1L << Math.min(task.pageFailures - 1, 10));
      task.retryAt = Instant.now().plus(pause);
      Log.warnf(
          "ERP sync %s: page %d could not be read (%s: %s); asking again in %d ms",
          task.describe(),
          task.pagesDone + 1,
          failed.errorCode(),
          failed.message(),
          pause.toMillis());
      return;
    }
    String reason = JobCompletion.describe(failed.errorCode(), failed.message());
    if (failed.retryable()) {
      reason =
          reason
              + " (page "
              + (task.pagesDone + 1)
              + ", given up after "
              + (task.pageFailures + 1)
              + " tries)";
    }
    completion.fail(work, job, task, failed.errorCode(), reason);
  }

  /** A record asked for by key (single record sync, retry of failed records). */
  void applyFetched(Work work, RecordFetched fetched) {
    Map<String, String> key = fetched.record().key();
    SyncJob job = work.job(fetched.jobId()).orElse(null);
    if (job == null) {
      return;
    }
    String canonical = ErpKeys.canonical(resources.mapping(fetched.mappingId()).orElse(null), key);
    var command =
        commands.answerFetch(
            OutboundFeeder.fetchKey(job.id, fetched.mappingId(), canonical),
            job.id,
            fetched.mappingId(),
            canonical);
    SyncTask task = work.task(job.id, fetched.mappingId(), SyncTask.INBOUND).orElse(null);
    if (command.isEmpty() || task == null) {
      Log.debugf(
          "ErpSync fetched record %s of job %d ignored: answered before or not asked for",
          canonical, fetched.jobId());
      return;
    }
    task.commandsAnswered++;
    if (!job.isRunning() || !task.isRunning()) {
      return; // a cancelled job applies nothing more
    }
    Resolution resolution = resources.resolve(job, task);
    if (!resolution.ok()) {
      completion.fail(work, job, task, resolution.errorCode(), resolution.message());
      return;
    }
    applyRecords(work, job, task, resolution.resources(), List.of(fetched.record()));
    if (command.get().again()) {
      realtime.again(work, command.get());
    }
  }

  /** A record asked for by key that the connector could not fetch. */
  void fetchFailed(Work work, RecordFailed failed) {
    SyncJob job = work.job(failed.jobId()).orElse(null);
    if (job == null) {
      return;
    }
    String canonical =
        ErpKeys.canonical(resources.mapping(failed.mappingId()).orElse(null), failed.erpKey());
    var command = commands.answer(OutboundFeeder.fetchKey(job.id, failed.mappingId(), canonical));
    SyncTask task = work.task(job.id, failed.mappingId(), SyncTask.INBOUND).orElse(null);
    if (command.isEmpty() || task == null) {
      Log.debugf(
          "ErpSync fetch failure %s of job %d ignored: answered before or not asked for",
          canonical, failed.jobId());
      return;
    }
    task.commandsAnswered++;
    Long tgmId =
        ledger.byErpKeys(job.connectionId, task.entityType, List.of(canonical)).values().stream()
            .findFirst()
            .map(LedgerEntry::tgmId)
            .orElse(null);
    failures.record(
        job, task, tgmId, canonical, failed.errorCode(), failed.message(), failed.retryable());
  }

  /** ERP records of a realtime change (a webhook's complete payload), applied like a page's. */
  void applyRealtime(
      Work work, SyncJob job, SyncTask task, Resources with, List<ErpRecord> records) {
    applyRecords(work, job, task, with, records);
  }

  /**
   * Maps each record and writes it into TGM with its ledger row; an unchanged record (same inbound
   * hash as the merge base) is skipped, a bad one logged, and the others go on. Where both sides
   * flow, a record TGM changed since the base too is settled by the mapping's strategy, and a
   * record with an open conflict is not written: the conflict shows the ERP's values instead.
   */
  private void applyRecords(
      Work work, SyncJob job, SyncTask task, Resources with, List<ErpRecord> records) {
    MappingEngine engine = with.engine();
    List<Incoming> incoming = new ArrayList<>(records.size());
    List<String> keys = new ArrayList<>(records.size());
    for (ErpRecord record : records) {
      ObjectNode values = SyncJson.object(record.values());
      Map<String, String> key = record.key();
      if (key == null || key.isEmpty()) {
        key = engine.erpKey(values).orElse(null);
      } else {
        // key fields the connector sent beside the values still count as values
        key.forEach(
            (field, value) -> {
              if (!values.has(field)) {
                values.put(field, value);
              }
            });
      }
      String canonical = ErpKeys.canonical(with.mapping(), key);
      incoming.add(new Incoming(record, values, canonical));
      if (canonical != null) {
        keys.add(canonical);
      }
    }
    Map<String, LedgerEntry> linked =
        new HashMap<>(ledger.byErpKeys(job.connectionId, task.entityType, keys));
    List<Long> linkedIds = linked.values().stream().map(LedgerEntry::tgmId).toList();
    boolean bothWays = RealtimeSync.bothWays(with.connection(), with.mapping());
    Sides sides =
        new Sides(
            conflicts.openOf(job.connectionId, task.entityType, linkedIds),
            bothWays ? tgm.findAll(task.entityType, linkedIds) : Map.of());
    // keyed by TGM id: a key met twice in one page writes its link once, the latest
    Map<Long, LedgerRepository.Link> links = new LinkedHashMap<>();
    for (Incoming in : incoming) {
      apply(work, job, task, with, in, linked, links, sides);
    }
    ledger.linkAll(job.connectionId, task.entityType, List.copyOf(links.values()));
  }

  private void apply(
      Work work,
      SyncJob job,
      SyncTask task,
      Resources with,
      Incoming in,
      Map<String, LedgerEntry> linked,
      Map<Long, LedgerRepository.Link> links,
      Sides sides) {
    MappingEngine engine = with.engine();
    Instant modifiedAt = in.record.modifiedAt();
    task.sawModified(modifiedAt);
    if (in.erpKey == null) {
      task.failedModified(modifiedAt);
      failures.record(
          job,
          task,
          null,
          null,
          ErrorCode.VALIDATION_ERROR,
          task.entityType + " record without ERP key: its key fields are missing",
          false);
      return;
    }
    MappingResult mapped = engine.toTgm(in.values);
    LedgerEntry link = linked.get(in.erpKey);
    Long tgmId = link == null ? null : link.tgmId();
    if (!mapped.ok()) {
      task.failedModified(modifiedAt);
      failures.record(
          job, task, tgmId, in.erpKey, mapped.errorCode(), mapped.problemSummary(), false);
      return;
    }
    ObjectNode values = mapped.record();
    ConflictRepository.Conflict open = link == null ? null : sides.open().get(link.tgmId());
    if (open != null) {
      // parked: the conflict shows what the ERP holds now; a person decides
      conflicts.updateSide(open.id(), false, values, in.record.etag(), modifiedAt);
      job.skipped();
      return;
    }
    if (link != null && engine.inboundHash(values).equals(engine.inboundHash(link.baseValues()))) {
      if (in.record.etag() != null && !in.record.etag().equals(link.etag())) {
        // same values, new version in the ERP: the next write must name the new ETag
        links.put(
            link.tgmId(),
            new LedgerRepository.Link(
                link.tgmId(),
                link.erpKey(),
                in.record.etag(),
                modifiedAt,
                null,
                link.baseValues(),
                link.baseHash(),
                SyncTask.INBOUND,
                job.id));
      }
      job.skipped();
      return;
    }
    TgmRow row = link == null ? null : sides.rows().get(link.tgmId());
    if (row != null
        && !engine.outboundHash(row.values()).equals(engine.outboundHash(link.baseValues()))) {
      settle(work, job, task, with, in, link, row, values, linked, links);
      return;
    }
    try {
      if (tgmId == null || !tgm.update(task.entityType, tgmId, values, job.connectionId)) {
        if (tgmId != null) {
          ledger.unlinkTgm(job.connectionId, task.entityType, tgmId);
          links.remove(tgmId);
        }
        tgmId = tgm.insert(task.entityType, values, job.connectionId);
        link = null;
      }
    } catch (TgmWriteException e) {
      task.failedModified(modifiedAt);
      failures.record(job, task, tgmId, in.erpKey, e.errorCode(), e.getMessage(), false);
      return;
    }
    ObjectNode base =
        link == null ? SyncJson.EXACT.createObjectNode() : link.baseValues().deepCopy();
    base.setAll(values);
    relink(job, engine, tgmId, in, base, linked, links);
    job.succeeded();
  }

  /**
   * A record changed in TGM and in the ERP since the base: the mapping's strategy decides. What it
   * settles is written to TGM at once and to the ERP through the REALTIME job; what it leaves to a
   * person parks the record in the conflict queue.
   */
  private void settle(
      Work work,
      SyncJob job,
      SyncTask task,
      Resources with,
      Incoming in,
      LedgerEntry link,
      TgmRow row,
      ObjectNode erpValues,
      Map<String, LedgerEntry> linked,
      Map<Long, LedgerRepository.Link> links) {
    MappingEngine engine = with.engine();
    ConflictResolution strategy = RealtimeSync.strategyOf(with.mapping());
    MergeResult merge =
        engine.merge(
            link.baseValues(),
            row.values(),
            erpValues,
            strategy,
            row.updatedAt(),
            in.record.modifiedAt());
    ConflictEvents.Conflicted about =
        new ConflictEvents.Conflicted(
            job.connectionId,
            task.mappingId,
            task.entityType.name(),
            link.tgmId(),
            link.erpKey(),
            strategy.name(),
            job.id);
    if (merge.needsManualResolution()) {
      ConflictRepository.Opened opened =
          conflicts.open(
              new ConflictRepository.Found(
                  job.connectionId,
                  task.mappingId,
                  task.entityType,
                  task.erpEntityName,
                  link.tgmId(),
                  link.erpKey(),
                  strategy.name(),
                  merge.unresolved(),
                  link.baseValues(),
                  mappedOnly(merge.merged(), row.values()),
                  mappedOnly(merge.merged(), erpValues),
                  merge.merged(),
                  in.record.etag(),
                  row.updatedAt(),
                  in.record.modifiedAt(),
                  job.id));
      long conflictId = opened.conflict().id();
      if (opened.created()) {
        conflictEvents.detected(about, conflictId, merge.unresolved(), "OPEN");
        LOG.warnf(
            "ERP sync conflict %d: TGM %s %d / ERP %s changed on both sides (%s), parked for"
                + " manual resolution (%s)",
            conflictId,
            task.entityType,
            link.tgmId(),
            ErpKeys.display(link.erpKey()),
            String.join(", ", merge.unresolved()),
            strategy);
      }
      failures.record(
          job,
          task,
          link.tgmId(),
          link.erpKey(),
          ErrorCode.CONFLICT,
          "changed in TGM and in the ERP since the last sync ("
              + String.join(", ", merge.unresolved())
              + "): parked as conflict "
              + conflictId
              + " for manual resolution",
          false);
      return;
    }
    if (merge.isNoOp()) {
      // both sides made the same change (one side's write coming back before its answer)
      ObjectNode base = link.baseValues().deepCopy();
      base.setAll(merge.merged());
      relink(job, engine, link.tgmId(), in, base, linked, links);
      job.skipped();
      return;
    }
    if (!merge.tgmUpdates().isEmpty()) {
      try {
        tgm.update(task.entityType, link.tgmId(), merge.tgmUpdates(), job.connectionId);
      } catch (TgmWriteException e) {
        task.failedModified(in.record.modifiedAt());
        failures.record(
            job, task, link.tgmId(), link.erpKey(), e.errorCode(), e.getMessage(), false);
        return;
      }
    }
    if (!merge.erpUpdates().isEmpty()) {
      realtime.writeMerged(
          work,
          with.connection(),
          with.mapping(),
          link.tgmId(),
          merge.merged(),
          link.erpKey(),
          in.record.etag(),
          "settled");
    }
    ObjectNode base = link.baseValues().deepCopy();
    base.setAll(merge.merged());
    relink(job, engine, link.tgmId(), in, base, linked, links);
    if (merge.changedOnBothSides()) {
      String resolution = merge.winner() != null ? merge.winner().name() : "MERGED";
      conflictEvents.detected(about, null, merge.conflicts(), "RESOLVED");
      conflictEvents.resolved(about, null, merge.conflicts(), resolution, "strategy " + strategy);
      LOG.infof(
          "ERP sync conflict on TGM %s %d / ERP %s settled by %s: %s",
          task.entityType, link.tgmId(), ErpKeys.display(link.erpKey()), strategy, resolution);
    }
    job.succeeded();
  }

  private void relink(
      SyncJob job,
      MappingEngine engine,
      long tgmId,
      Incoming in,
      ObjectNode base,
      Map<String, LedgerEntry> linked,
      Map<Long, LedgerRepository.Link> links) {
    String baseHash = engine.hash(base);
    links.put(
        tgmId,
        new LedgerRepository.Link(
            tgmId,
            in.erpKey,
            in.record.etag(),
            in.record.modifiedAt(),
            null,
            base,
            baseHash,
            SyncTask.INBOUND,
            job.id));
    linked.put(
        in.erpKey,
        new LedgerEntry(
            tgmId, in.erpKey, in.record.etag(), in.record.modifiedAt(), base, baseHash));
  }

  /** The mapped fields of a side (those the merge knows), for the conflict's side-by-side view. */
  private static ObjectNode mappedOnly(ObjectNode mappedFields, ObjectNode side) {
    ObjectNode only = SyncJson.EXACT.createObjectNode();
    mappedFields.fieldNames().forEachRemaining(field -> only.set(field, side.get(field)));
    return only;
  }

  /** What a page knows of TGM's side: open conflicts and current rows of its linked records. */
  private record Sides(Map<Long, ConflictRepository.Conflict> open, Map<Long, TgmRow> rows) {}

  private record Incoming(ErpRecord record, ObjectNode values, String erpKey) {}
}
