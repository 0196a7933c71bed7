package com.tgm.erpsync.orchestrator.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.JobType;
import com.tgm.erpsync.contracts.command.RecordWrite;
import com.tgm.erpsync.contracts.result.RecordApplied;
import com.tgm.erpsync.contracts.result.RecordFailed;
import com.tgm.erpsync.mapping.engine.MappingEngine;
import com.tgm.erpsync.mapping.engine.MappingResult;
import com.tgm.erpsync.orchestrator.sync.CommandRepository.Answered;
import com.tgm.erpsync.orchestrator.sync.CommandRepository.Issued;
import com.tgm.erpsync.orchestrator.sync.TaskResources.Resolution;
import com.tgm.erpsync.orchestrator.sync.TaskResources.Resources;
import com.tgm.erpsync.orchestrator.tgm.TgmRow;
import com.tgm.erpsync.orchestrator.tgm.TgmStore;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Feeds record commands to connectors without flooding them: a task reads its source (the TGM table
 * in keyset order, or the error log of the job it retries) only while its connection has fewer
 * unanswered commands than the window, and saves its position with every step. Answers update the
 * ledger and the counters, and make room for the next commands.
 */
@ApplicationScoped
public class OutboundFeeder {
  /** Class id of the per-connection advisory lock that makes feeding a connection one at a time. */
  static final int FEED_LOCK_CLASS = 0x4652_4444; // "FRDD"

  /** What a feed step left behind. */
  enum Outcome {
    /** Room is left and so are records: another step may go on at once. */
    MORE,
    /** The window is full: the next answers make room. */
    FULL,
    /** Every record was read. */
    EXHAUSTED,
    /** The task or its job does not run (any more). */
    STOPPED
  }

  private final AgroalDataSource dataSource;
  private final TgmStore tgm;
  private final LedgerRepository ledger;
  private final CommandRepository commands;
  private final ErrorLogRepository errorLog;
  private final WatermarkRepository watermarks;
  private final CommandSender sender;
  private final TaskResources resources;
  private final RecordFailures failures;
  private final JobCompletion completion;
  private final SyncConfig config;
  private final RealtimeSync realtime;

  public OutboundFeeder(
      AgroalDataSource dataSource,
      TgmStore tgm,
      LedgerRepository ledger,
      CommandRepository commands,
      ErrorLogRepository errorLog,
      WatermarkRepository watermarks,
      CommandSender sender,
      TaskResources resources,
      RecordFailures failures,
      JobCompletion completion,
      SyncConfig config,
      RealtimeSync realtime) {
    this.realtime = realtime;
    this.dataSource = dataSource;
    this.tgm = tgm;
    this.ledger = ledger;
    this.commands = commands;
    this.errorLog = errorLog;
    this.watermarks = watermarks;
    this.sender = sender;
    this.resources = resources;
    this.failures = failures;
    this.completion = completion;
    this.config = config;
  }

  /**
   * The room worth a feed step while commands are in flight: a whole batch of the mapping, or half
   * the window when a batch is larger than that.
   */
  private long fullBatch(Resources with) {
    int batchSize = Math.max(1, with.mapping().batchSize());
    return Math.min(batchSize, Math.max(1, config.maxInFlight() / 2));
  }

  /** Writes of one feed step, sent in commands of up to the mapping's batch size. */
  private PendingWrites pending(SyncJob job, SyncTask task, Resources with) {
    int batchSize = with.mapping().batchSize();
    return new PendingWrites(
        sender, job, task, with.connection().erpType(), batchSize > 0 ? batchSize : 1);
  }

  /** The key of a FetchRecord: the answer (RecordFetched) names the job, mapping and key alone. */
  static String fetchKey(long jobId, long mappingId, String canonicalErpKey) {
    return "fetch:" + jobId + ":" + mappingId + ":" + canonicalErpKey;
  }

  /** Starts an outbound task over the TGM table: counts what it will read. */
  void startTable(SyncJob job, SyncTask task) {
    task.modifiedSince = null;
    if (job.jobType == JobType.INCREMENTAL) {
      task.modifiedSince =
          watermarks
              .find(job.connectionId, task.mappingId, SyncTask.OUTBOUND)
              .map(watermark -> watermark.minus(config.incrementalOverlap()))
              .orElse(null);
    }
    job.addTotal(tgm.count(task.entityType, task.modifiedSince));
  }

  /** Starts a retry of failed records: counts the records of the retried job's error log. */
  void startFailedOnly(SyncJob job, SyncTask task) {
    job.addTotal(errorLog.count(job.retryOfJobId, task.mappingId, task.direction));
  }

  /** Syncs one record at once: a TGM record outbound, or an ERP record fetched inbound. */
  void startSingle(Work work, SyncJob job, SyncTask task, Resources with) {
    task.feedExhausted = true;
    job.addTotal(1);
    if (task.inbound()) {
      Map<String, String> key = singleErpKey(job, task, with);
      if (key == null) {
        completion.fail(
            work,
            job,
            task,
            ErrorCode.VALIDATION_ERROR,
            "recordId "
                + job.recordId
                + " names no ERP key of "
                + task.entityType
                + ": give the key as a JSON object, e.g. {\"Equipment\":\"10000045\"}");
        return;
      }
      fetch(job, task, with, ErpKeys.canonical(with.mapping(), key));
      return;
    }
    long tgmId;
    try {
      tgmId = Long.parseLong(job.recordId.trim());
    } catch (NumberFormatException e) {
      completion.fail(
          work,
          job,
          task,
          ErrorCode.VALIDATION_ERROR,
          "recordId " + job.recordId + " is no TGM id");
      return;
    }
    Optional<TgmRow> row = tgm.find(task.entityType, tgmId);
    if (row.isEmpty()) {
      completion.fail(
          work,
          job,
          task,
          ErrorCode.NOT_FOUND,
          task.entityType + " " + tgmId + " does not exist in TGM");
      return;
    }
    Optional<LedgerEntry> link = ledger.byTgmId(job.connectionId, task.entityType, tgmId);
    // asked for by name: written even when the ledger says the ERP has these values already
    PendingWrites writes = pending(job, task, with);
    offer(job, task, with, row.get(), link.orElse(null), true, writes);
    writes.flush();
  }

  private Map<String, String> singleErpKey(SyncJob job, SyncTask task, Resources with) {
    Map<String, String> key = ErpKeys.fromDisplay(with.mapping(), job.recordId);
    if (key == null && job.recordId.trim().matches("\\d+")) {
      key =
          ledger
              .byTgmId(job.connectionId, task.entityType, Long.parseLong(job.recordId.trim()))
              .map(link -> ErpKeys.parse(link.erpKey()))
              .orElse(null);
    }
    return key;
  }

  /**
   * One feed step of a task whose job is locked by this transaction: as many commands as the
   * connection's window has room for, reading at most {@code feed-chunk} source records.
   */
  Outcome feed(Work work, SyncJob job, SyncTask task) {
    if (!job.isRunning() || !task.isRunning() || task.feedExhausted) {
      return Outcome.STOPPED;
    }
    Resolution resolution = resources.resolve(job, task);
    if (!resolution.ok()) {
      completion.fail(work, job, task, resolution.errorCode(), resolution.message());
      return Outcome.STOPPED;
    }
    Resources with = resolution.resources();
    lockConnection(job.connectionId);
    long inFlight = commands.inFlight(job.connectionId);
    long room = config.maxInFlight() - inFlight;
    if (room <= 0 || (inFlight > 0 && room < fullBatch(with))) {
      // while answers are due, wait for room for a whole batch rather than send scraps
      return Outcome.FULL;
    }
    int budget = Math.max(1, config.feedChunk());
    PendingWrites writes = pending(job, task, with);
    boolean exhausted;
    if (job.retriesFailedRecords()) {
      exhausted = feedFromErrorLog(job, task, with, room, budget, writes);
    } else {
      exhausted = feedFromTable(job, task, with, room, budget, writes);
    }
    writes.flush();
    if (exhausted) {
      task.feedExhausted = true;
      if (task.fedAndAnswered()) {
        task.status = SyncTask.DONE;
      }
      return Outcome.EXHAUSTED;
    }
    return commands.inFlight(job.connectionId) < config.maxInFlight() ? Outcome.MORE : Outcome.FULL;
  }

  /** Returns whether the table is read to its end. */
  private boolean feedFromTable(
      SyncJob job, SyncTask task, Resources with, long room, int budget, PendingWrites writes) {
    int read = 0;
    while (room > 0 && read < budget) {
      int limit = (int) Math.min(Math.min(room, budget - read), Integer.MAX_VALUE);
      List<TgmRow> rows =
          tgm.page(
              task.entityType, task.modifiedSince, task.afterUpdatedAt, task.afterTgmId, limit);
      Map<Long, LedgerEntry> links =
          ledger.byTgmIds(
              job.connectionId, task.entityType, rows.stream().map(TgmRow::id).toList());
      for (TgmRow row : rows) {
        if (offer(job, task, with, row, links.get(row.id()), false, writes)) {
          room--;
        }
        task.afterUpdatedAt = row.updatedAt();
        task.afterTgmId = row.id();
        read++;
      }
      if (rows.size() < limit) {
        return true;
      }
    }
    return false;
  }

  /** Returns whether the retried job's error log is read to its end. */
  private boolean feedFromErrorLog(
      SyncJob job, SyncTask task, Resources with, long room, int budget, PendingWrites writes) {
    int read = 0;
    while (room > 0 && read < budget) {
      int limit = (int) Math.min(room, budget - read);
      List<ErrorLogRepository.Entry> entries =
          errorLog.page(
              job.retryOfJobId, task.mappingId, task.direction, task.afterErrorIndex, limit);
      for (ErrorLogRepository.Entry entry : entries) {
        if (retry(job, task, with, entry, writes)) {
          room--;
        }
        task.afterErrorIndex = entry.recordIndex();
        read++;
      }
      if (entries.size() < limit) {
        return true;
      }
    }
    return false;
  }

  /** Offers a failed record again; returns whether a command went out. */
  private boolean retry(
      SyncJob job,
      SyncTask task,
      Resources with,
      ErrorLogRepository.Entry entry,
      PendingWrites writes) {
    if (task.inbound()) {
      if (entry.erpKey() == null) {
        failures.record(
            job,
            task,
            entry.tgmRecordId(),
            null,
            entry.errorCode(),
            "cannot be fetched again: the ERP record has no key (" + entry.message() + ")",
            false);
        return false;
      }
      return fetch(job, task, with, entry.erpKey());
    }
    if (entry.tgmRecordId() == null) {
      failures.record(
          job, task, null, entry.erpKey(), ErrorCode.NOT_FOUND, "no TGM record to write", false);
      return false;
    }
    Optional<TgmRow> row = tgm.find(task.entityType, entry.tgmRecordId());
    if (row.isEmpty()) {
      failures.record(
          job,
          task,
          entry.tgmRecordId(),
          entry.erpKey(),
          ErrorCode.NOT_FOUND,
          task.entityType + " " + entry.tgmRecordId() + " no longer exists in TGM",
          false);
      return false;
    }
    Optional<LedgerEntry> link = ledger.byTgmId(job.connectionId, task.entityType, row.get().id());
    return offer(job, task, with, row.get(), link.orElse(null), false, writes);
  }

  private boolean fetch(SyncJob job, SyncTask task, Resources with, String canonicalKey) {
    boolean fresh = commands.insert(Issued.fetch(job, task, canonicalKey));
    if (!fresh) {
      return false; // the same record twice in one retry: asked for once
    }
    sender.fetch(job, task, with.connection().erpType(), ErpKeys.parse(canonicalKey));
    task.commandsIssued++;
    return true;
  }

  /**
   * Maps one TGM record and sends it unless the ERP has its values already; returns whether a
   * command went out (and took room in the window).
   */
  boolean offer(
      SyncJob job,
      SyncTask task,
      Resources with,
      TgmRow row,
      LedgerEntry link,
      boolean force,
      PendingWrites writes) {
    MappingEngine engine = with.engine();
    task.sawModified(row.updatedAt());
    ObjectNode values = row.values().deepCopy();
    if (!values.has("id")) {
      values.put("id", row.id());
    }
    MappingResult mapped = engine.toErp(values);
    if (!mapped.ok()) {
      task.failedModified(row.updatedAt());
      failures.record(
          job,
          task,
          row.id(),
          link == null ? null : link.erpKey(),
          mapped.errorCode(),
          mapped.problemSummary(),
          false);
      return false;
    }
    if (!force
        && link != null
        && engine.outboundHash(values).equals(engine.outboundHash(link.baseValues()))) {
      job.skipped();
      return false;
    }
    String key =
        "job-"
            + job.id
            + ":mapping-"
            + task.mappingId
            + ":tgm-"
            + row.id()
            + ":"
            + row.updatedAt().truncatedTo(ChronoUnit.MICROS);
    return issue(
        job,
        task,
        engine,
        key,
        row.id(),
        values,
        mapped,
        row.updatedAt(),
        link == null ? null : link.erpKey(),
        link == null ? null : link.etag(),
        writes);
  }

  /**
   * Sends one mapped write under its idempotency key unless a command with that key exists (a
   * replayed decision); returns whether it went out.
   *
   * @param values the TGM values written (with {@code id}): the next merge base once applied
   */
  boolean issue(
      SyncJob job,
      SyncTask task,
      MappingEngine engine,
      String key,
      long tgmId,
      ObjectNode values,
      MappingResult mapped,
      java.time.Instant tgmUpdatedAt,
      String erpKey,
      String etag,
      PendingWrites writes) {
    boolean fresh =
        commands.insert(
            new Issued(
                key,
                CommandRepository.UPSERT,
                job.id,
                task.mappingId,
                job.connectionId,
                task.entityType,
                tgmId,
                values,
                engine.hash(values),
                tgmUpdatedAt,
                erpKey));
    if (!fresh) {
      return false;
    }
    writes.add(
        new RecordWrite(
            tgmId,
            erpKey == null ? null : ErpKeys.parse(erpKey),
            etag,
            SyncJson.map(mapped.record()),
            key));
    task.commandsIssued++;
    return true;
  }

  /** Pending writes of a task for decisions taken one record at a time in this transaction. */
  PendingWrites pendingOf(Work work, SyncJob job, SyncTask task, Resources with) {
    return work.writes(task, () -> pending(job, task, with));
  }

  /** The ERP took a write: the ledger links the record with its new base, the job counts it. */
  void applied(Work work, RecordApplied applied) {
    Optional<Answered> answered = commands.answer(applied.idempotencyKey());
    if (answered.isEmpty()) {
      Log.debugf(
          "ErpSync answer %s of job %d ignored: answered before or not asked for",
          applied.idempotencyKey(), applied.jobId());
      return;
    }
    Answered command = answered.get();
    SyncJob job = work.job(command.jobId()).orElse(null);
    if (job == null) {
      return;
    }
    work.task(job.id, command.mappingId(), SyncTask.OUTBOUND)
        .ifPresent(task -> task.commandsAnswered++);
    if (CommandRepository.DELETE.equals(command.kind())) {
      deleted(work, job, command);
      return;
    }
    var mapping = resources.mapping(command.mappingId()).orElse(null);
    String erpKey = ErpKeys.canonical(mapping, applied.erpKey());
    Optional<MappingEngine> engine = resources.engine(command.mappingId());
    if (erpKey == null) {
      erpKey = command.erpKey();
    }
    if (erpKey == null && engine.isPresent() && command.tgmValues() != null) {
      erpKey =
          engine
              .get()
              .erpKeyFor(command.tgmValues())
              .map(key -> ErpKeys.canonical(mapping, key))
              .orElse(null);
    }
    if (erpKey != null && engine.isPresent() && command.tgmRecordId() != null) {
      ObjectNode base =
          ledger
              .byTgmId(job.connectionId, command.entity(), command.tgmRecordId())
              .map(link -> link.baseValues().deepCopy())
              .orElseGet(SyncJson.EXACT::createObjectNode);
      base.setAll(command.tgmValues());
      ledger.link(
          job.connectionId,
          command.entity(),
          command.tgmRecordId(),
          erpKey,
          applied.etag(),
          null,
          command.tgmUpdatedAt(),
          base,
          engine.get().hash(base),
          SyncTask.OUTBOUND,
          job.id);
      if (command.again()) {
        realtime.again(work, command);
      }
    } else {
      Log.warnf(
          "ErpSync job %d: TGM %s %s written to the ERP but not linked in the ledger (%s)",
          job.id,
          command.entity(),
          command.tgmRecordId(),
          erpKey == null ? "no ERP key" : "mapping " + command.mappingId() + " gone");
    }
    job.succeeded();
  }

  /** The ERP refused a write, or a record asked for by key could not be fetched. */
  void failed(Work work, RecordFailed failed) {
    Optional<Answered> answered = commands.answer(failed.idempotencyKey());
    if (answered.isEmpty()) {
      Log.debugf(
          "ErpSync failure %s of job %d ignored: answered before or not asked for",
          failed.idempotencyKey(), failed.jobId());
      return;
    }
    Answered command = answered.get();
    SyncJob job = work.job(command.jobId()).orElse(null);
    SyncTask task =
        job == null ? null : work.task(job.id, command.mappingId(), SyncTask.OUTBOUND).orElse(null);
    if (task == null) {
      return;
    }
    task.commandsAnswered++;
    if (CommandRepository.DELETE.equals(command.kind())
        && failed.errorCode() == ErrorCode.NOT_FOUND) {
      deleted(work, job, command); // gone already: what the delete was for
      return;
    }
    if (failed.errorCode() == ErrorCode.ETAG_MISMATCH
        && CommandRepository.UPSERT.equals(command.kind())
        && realtime.reconcile(work, command)) {
      // changed in the ERP since the base: settled by the mapping's strategy once fetched
      job.skipped();
      return;
    }
    if (command.again()) {
      realtime.again(work, command);
    }
    task.failedModified(command.tgmUpdatedAt());
    String erpKey =
        ErpKeys.canonical(resources.mapping(command.mappingId()).orElse(null), failed.erpKey());
    failures.record(
        job,
        task,
        command.tgmRecordId(),
        erpKey != null ? erpKey : command.erpKey(),
        failed.errorCode(),
        failed.message(),
        failed.retryable());
  }

  /** The ERP record of a deleted TGM record is gone: so is the link. */
  private void deleted(Work work, SyncJob job, Answered command) {
    if (command.tgmRecordId() != null) {
      ledger.unlinkTgm(job.connectionId, command.entity(), command.tgmRecordId());
    }
    job.succeeded();
    if (command.again()) {
      realtime.again(work, command);
    }
  }

  private void lockConnection(long connectionId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement lock =
            connection.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
      lock.setInt(1, FEED_LOCK_CLASS);
      lock.setInt(2, Long.hashCode(connectionId));
      lock.execute();
    } catch (SQLException e) {
      throw Sql.failure("lock the feed of connection " + connectionId, e);
    }
  }
}
