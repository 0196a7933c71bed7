package com.tgm.erpsync.testsupport.connector;

import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.command.ConnectorCommand;
import com.tgm.erpsync.contracts.command.DeleteRecord;
import com.tgm.erpsync.contracts.command.ExtractPage;
import com.tgm.erpsync.contracts.command.FetchRecord;
import com.tgm.erpsync.contracts.command.RecordWrite;
import com.tgm.erpsync.contracts.command.TestConnection;
import com.tgm.erpsync.contracts.command.UpsertRecord;
import com.tgm.erpsync.contracts.command.UpsertRecords;
import com.tgm.erpsync.contracts.result.ConnectionTested;
import com.tgm.erpsync.contracts.result.ConnectorResult;
import com.tgm.erpsync.contracts.result.ExtractFailed;
import com.tgm.erpsync.contracts.result.RecordApplied;
import com.tgm.erpsync.contracts.result.RecordFailed;
import com.tgm.erpsync.contracts.result.RecordFetched;
import com.tgm.erpsync.contracts.result.WriteOperation;
import com.tgm.erpsync.testsupport.connector.ScriptedEntitySet.Applied;
import com.tgm.erpsync.testsupport.connector.ScriptedEntitySet.Refused;
import com.tgm.erpsync.testsupport.connector.ScriptedEntitySet.WriteOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An in-memory ERP behind any number of connections: entity sets of records, a journal of the
 * writes that changed it, and the answer a connector would give to each command.
 *
 * <p>Writes are idempotent per connection and idempotency key: a write whose key was already
 * applied is answered with the same outcome again (same erpKey, ETag and operation, for the
 * replaying command's job) and changes nothing. A refused write leaves no trace, so its retry is
 * applied.
 */
public final class ScriptedErp {
  private static final Logger LOG = Logger.getLogger(ScriptedErp.class.getName());

  private final Map<SetName, ScriptedEntitySet> entitySets = new ConcurrentHashMap<>();
  private final Map<Long, ErpType> erpTypes = new ConcurrentHashMap<>();
  private final Map<Long, Fault> connectionTestFaults = new ConcurrentHashMap<>();
  private final Map<IdempotencyKey, Applied> appliedWrites = new HashMap<>();
  private final List<AppliedWrite> journal = new ArrayList<>();

  /** The entity set of a connection, created empty on first use (also by an extract). */
  public ScriptedEntitySet entitySet(long connectionId, String erpEntityName) {
    return entitySets.computeIfAbsent(
        new SetName(connectionId, erpEntityName),
        name -> new ScriptedEntitySet(connectionId, erpEntityName));
  }

  /** The ERP type a connection test reports; without one it reports none. */
  public ScriptedErp erpType(long connectionId, ErpType erpType) {
    erpTypes.put(connectionId, Objects.requireNonNull(erpType, "erpType"));
    return this;
  }

  /** TestConnection of this connection fails with the fault: once, or every time if it repeats. */
  public ScriptedErp failConnectionTests(long connectionId, Fault fault) {
    connectionTestFaults.put(connectionId, Objects.requireNonNull(fault, "fault"));
    return this;
  }

  /** Every write that changed this ERP, in order. */
  public synchronized List<AppliedWrite> writes() {
    return List.copyOf(journal);
  }

  /** The writes that changed one entity set of one connection, in order. */
  public synchronized List<AppliedWrite> writes(long connectionId, String erpEntityName) {
    return journal.stream()
        .filter(w -> w.connectionId() == connectionId && w.erpEntityName().equals(erpEntityName))
        .toList();
  }

  /**
   * The results a connector publishes for the command: one per command, one per write of a batch. A
   * failure inside is answered as INTERNAL_ERROR, never dropped.
   */
  public List<ConnectorResult> answer(ConnectorCommand command) {
    try {
      return answerOrThrow(command);
    } catch (RuntimeException e) {
      LOG.log(
          Level.SEVERE,
          e,
          () ->
              "ERP scripted "
                  + command.getClass().getSimpleName()
                  + " failed for connection "
                  + command.connectionId());
      return failures(command, ErrorCode.INTERNAL_ERROR, "scripted ERP failed: " + e);
    }
  }

  private List<ConnectorResult> answerOrThrow(ConnectorCommand command) {
    MessageMeta meta = replyMeta(command.meta());
    if (command instanceof ExtractPage extract) {
      return List.of(
          entitySet(extract.connectionId(), extract.erpEntityName()).extract(extract, meta));
    }
    if (command instanceof FetchRecord fetch) {
      return List.of(fetch(fetch, meta));
    }
    if (command instanceof UpsertRecord upsert) {
      return List.of(
          upsert(
              meta,
              upsert.connectionId(),
              upsert.jobId(),
              upsert.mappingId(),
              upsert.erpEntityName(),
              upsert.write()));
    }
    if (command instanceof UpsertRecords batch) {
      List<ConnectorResult> results = new ArrayList<>(batch.writes().size());
      for (RecordWrite write : batch.writes()) {
        results.add(
            upsert(
                replyMeta(batch.meta()),
                batch.connectionId(),
                batch.jobId(),
                batch.mappingId(),
                batch.erpEntityName(),
                write));
      }
      return results;
    }
    if (command instanceof DeleteRecord delete) {
      return List.of(delete(delete, meta));
    }
    if (command instanceof TestConnection test) {
      return List.of(test(test, meta));
    }
    throw new IllegalArgumentException("no answer for " + command.getClass());
  }

  private ConnectorResult fetch(FetchRecord fetch, MessageMeta meta) {
    ScriptedEntitySet set = entitySet(fetch.connectionId(), fetch.erpEntityName());
    return set.get(fetch.erpKey())
        .<ConnectorResult>map(
            record ->
                new RecordFetched(
                    meta, fetch.connectionId(), fetch.jobId(), fetch.mappingId(), record))
        .orElseGet(
            () ->
                new RecordFailed(
                    meta,
                    fetch.connectionId(),
                    fetch.jobId(),
                    fetch.mappingId(),
                    null,
                    fetch.erpKey(),
                    null,
                    ErrorCode.NOT_FOUND,
                    fetch.erpEntityName() + " " + fetch.erpKey() + " does not exist in the ERP",
                    false,
                    null));
  }

  private synchronized ConnectorResult upsert(
      MessageMeta meta,
      long connectionId,
      long jobId,
      long mappingId,
      String erpEntityName,
      RecordWrite write) {
    IdempotencyKey idempotencyKey = IdempotencyKey.of(connectionId, write.idempotencyKey());
    Applied replayed = idempotencyKey == null ? null : appliedWrites.get(idempotencyKey);
    WriteOutcome outcome =
        replayed != null ? replayed : entitySet(connectionId, erpEntityName).upsert(write);
    if (outcome instanceof Applied applied && replayed == null) {
      remember(idempotencyKey, applied);
      journal.add(
          new AppliedWrite(
              connectionId,
              erpEntityName,
              applied.erpKey(),
              write.values() == null ? Map.of() : write.values(),
              write.idempotencyKey(),
              applied.operation(),
              write.tgmRecordId(),
              jobId,
              applied.etag()));
    }
    return result(
        meta, connectionId, jobId, mappingId, write.tgmRecordId(), write.idempotencyKey(), outcome);
  }

  private synchronized ConnectorResult delete(DeleteRecord delete, MessageMeta meta) {
    IdempotencyKey idempotencyKey =
        IdempotencyKey.of(delete.connectionId(), delete.idempotencyKey());
    Applied replayed = idempotencyKey == null ? null : appliedWrites.get(idempotencyKey);
    WriteOutcome outcome =
        replayed != null
            ? replayed
            : entitySet(delete.connectionId(), delete.erpEntityName()).delete(delete);
    if (outcome instanceof Applied applied && replayed == null) {
      remember(idempotencyKey, applied);
      if (applied.operation() == WriteOperation.DELETED) {
        journal.add(
            new AppliedWrite(
                delete.connectionId(),
                delete.erpEntityName(),
                applied.erpKey(),
                Map.of(),
                delete.idempotencyKey(),
                applied.operation(),
                delete.tgmRecordId(),
                delete.jobId(),
                null));
      }
    }
    return result(
        meta,
        delete.connectionId(),
        delete.jobId(),
        delete.mappingId(),
        delete.tgmRecordId(),
        delete.idempotencyKey(),
        outcome);
  }

  private void remember(IdempotencyKey idempotencyKey, Applied applied) {
    if (idempotencyKey != null) {
      appliedWrites.put(idempotencyKey, applied);
    }
  }

  private ConnectionTested test(TestConnection test, MessageMeta meta) {
    long started = System.nanoTime();
    ErpType erpType = erpTypes.get(test.connectionId());
    Fault fault = connectionTestFaults.get(test.connectionId());
    if (fault != null && !fault.repeats()) {
      connectionTestFaults.remove(test.connectionId(), fault);
    }
    long latencyMs = (System.nanoTime() - started) / 1_000_000;
    if (fault != null) {
      return new ConnectionTested(
          meta,
          test.connectionId(),
          erpType,
          false,
          fault.message(),
          fault.errorCode(),
          Instant.now(),
          latencyMs);
    }
    String target = erpType == null ? "the ERP" : erpType.displayName();
    return new ConnectionTested(
        meta,
        test.connectionId(),
        erpType,
        true,
        "Successfully connected to " + target,
        null,
        Instant.now(),
        latencyMs);
  }

  private static ConnectorResult result(
      MessageMeta meta,
      long connectionId,
      long jobId,
      long mappingId,
      Long tgmRecordId,
      String idempotencyKey,
      WriteOutcome outcome) {
    if (outcome instanceof Applied applied) {
      return new RecordApplied(
          meta,
          connectionId,
          jobId,
          mappingId,
          tgmRecordId,
          applied.erpKey(),
          applied.etag(),
          applied.operation(),
          idempotencyKey);
    }
    Refused refused = (Refused) outcome;
    return new RecordFailed(
        meta,
        connectionId,
        jobId,
        mappingId,
        tgmRecordId,
        refused.erpKey(),
        idempotencyKey,
        refused.errorCode(),
        refused.message(),
        refused.retryable(),
        null);
  }

  /** The failure answer in the result type the command's sender waits for. */
  private List<ConnectorResult> failures(ConnectorCommand command, ErrorCode code, String message) {
    MessageMeta meta = replyMeta(command.meta());
    boolean retryable = code.defaultRetryable();
    long connectionId = command.connectionId();
    if (command instanceof TestConnection) {
      return List.of(
          new ConnectionTested(
              meta,
              connectionId,
              erpTypes.get(connectionId),
              false,
              message,
              code,
              Instant.now(),
              0L));
    }
    if (command instanceof ExtractPage extract) {
      return List.of(
          new ExtractFailed(
              meta,
              connectionId,
              extract.jobId(),
              extract.mappingId(),
              extract.cursor(),
              code,
              message,
              retryable,
              null));
    }
    if (command instanceof UpsertRecord upsert) {
      return List.of(
          writeFailed(
              meta,
              connectionId,
              upsert.jobId(),
              upsert.mappingId(),
              upsert.write(),
              code,
              message));
    }
    if (command instanceof UpsertRecords batch) {
      return batch.writes().stream()
          .map(
              write ->
                  writeFailed(
                      replyMeta(batch.meta()),
                      connectionId,
                      batch.jobId(),
                      batch.mappingId(),
                      write,
                      code,
                      message))
          .toList();
    }
    if (command instanceof DeleteRecord delete) {
      return List.of(
          new RecordFailed(
              meta,
              connectionId,
              delete.jobId(),
              delete.mappingId(),
              delete.tgmRecordId(),
              delete.erpKey(),
              delete.idempotencyKey(),
              code,
              message,
              retryable,
              null));
    }
    FetchRecord fetch = (FetchRecord) command;
    return List.of(
        new RecordFailed(
            meta,
            connectionId,
            fetch.jobId(),
            fetch.mappingId(),
            null,
            fetch.erpKey(),
            null,
            code,
            message,
            retryable,
            null));
  }

  private static ConnectorResult writeFailed(
      MessageMeta meta,
      long connectionId,
      long jobId,
      long mappingId,
      RecordWrite write,
      ErrorCode code,
      String message) {
    return new RecordFailed(
        meta,
        connectionId,
        jobId,
        mappingId,
        write.tgmRecordId(),
        write.erpKey(),
        write.idempotencyKey(),
        code,
        message,
        code.defaultRetryable(),
        null);
  }

  /** A reply keeps the request's correlation id and trace context. */
  static MessageMeta replyMeta(MessageMeta request) {
    return MessageMeta.create(request.correlationId())
        .withTrace(request.traceparent(), request.tracestate());
  }

  private record SetName(long connectionId, String erpEntityName) {}

  private record IdempotencyKey(long connectionId, String key) {
    static IdempotencyKey of(long connectionId, String key) {
      return key == null ? null : new IdempotencyKey(connectionId, key);
    }
  }
}
