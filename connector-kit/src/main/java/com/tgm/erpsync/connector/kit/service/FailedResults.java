package com.tgm.erpsync.connector.kit.service;

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
import com.tgm.erpsync.contracts.result.RecordFailed;
import java.time.Instant;
import java.util.List;

/** The failure answer to any command, in the result type its sender waits for. */
public final class FailedResults {
  private FailedResults() {}

  public static List<ConnectorResult> of(
      ConnectorCommand command, ErpType erpType, ErrorCode code, String message) {
    MessageMeta meta = replyMeta(command.meta());
    boolean retryable = code.defaultRetryable();
    long connectionId = command.connectionId();
    if (command instanceof TestConnection) {
      return List.of(
          new ConnectionTested(
              meta, connectionId, erpType, false, message, code, Instant.now(), 0L));
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
    if (command instanceof FetchRecord fetch) {
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
    if (command instanceof UpsertRecord upsert) {
      return List.of(
          recordFailed(
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
                  (ConnectorResult)
                      recordFailed(
                          replyMeta(command.meta()),
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
    throw new IllegalArgumentException("No failure answer for " + command.getClass());
  }

  /** A reply keeps the request's correlation id and trace context. */
  public static MessageMeta replyMeta(MessageMeta request) {
    return MessageMeta.create(request.correlationId())
        .withTrace(request.traceparent(), request.tracestate());
  }

  private static RecordFailed recordFailed(
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
}
