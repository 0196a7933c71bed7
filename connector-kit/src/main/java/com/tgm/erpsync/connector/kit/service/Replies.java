package com.tgm.erpsync.connector.kit.service;

import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.command.ExtractPage;
import com.tgm.erpsync.contracts.result.ConnectionTested;
import com.tgm.erpsync.contracts.result.ExtractFailed;
import com.tgm.erpsync.contracts.result.RecordApplied;
import com.tgm.erpsync.contracts.result.RecordFailed;
import com.tgm.erpsync.contracts.result.WriteOperation;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import java.time.Instant;
import java.util.Map;

/**
 * The answers a dialect gives to one command of one connection. Every answer is a message of its
 * own (a fresh message id: consumers deduplicate by it), correlated with the command.
 */
public final class Replies {
  private final MessageMeta request;
  private final ConnectionSnapshot connection;

  public Replies(MessageMeta request, ConnectionSnapshot connection) {
    this.request = request;
    this.connection = connection;
  }

  /** A fresh envelope for one answer. */
  public MessageMeta meta() {
    return FailedResults.replyMeta(request);
  }

  public ConnectionTested tested(boolean success, String message, ErrorCode code, long latencyMs) {
    return new ConnectionTested(
        meta(),
        connection.id(),
        connection.erpType(),
        success,
        message,
        code,
        Instant.now(),
        latencyMs);
  }

  public ExtractFailed extractFailed(
      ExtractPage command, ErrorCode code, boolean retryable, String erpCode, String message) {
    return new ExtractFailed(
        meta(),
        connection.id(),
        command.jobId(),
        command.mappingId(),
        command.cursor(),
        code,
        message,
        retryable,
        erpCode);
  }

  public RecordApplied applied(
      long jobId,
      long mappingId,
      Long tgmRecordId,
      Map<String, String> erpKey,
      String etag,
      WriteOperation operation,
      String idempotencyKey) {
    return new RecordApplied(
        meta(),
        connection.id(),
        jobId,
        mappingId,
        tgmRecordId,
        erpKey,
        etag,
        operation,
        idempotencyKey);
  }

  public RecordFailed recordFailed(
      long jobId,
      long mappingId,
      Long tgmRecordId,
      Map<String, String> erpKey,
      String idempotencyKey,
      ErrorCode code,
      boolean retryable,
      String erpCode,
      String message) {
    return new RecordFailed(
        meta(),
        connection.id(),
        jobId,
        mappingId,
        tgmRecordId,
        erpKey,
        idempotencyKey,
        code,
        message,
        retryable,
        erpCode);
  }

  /** A record operation's failure, for the record of a write. */
  public RecordFailed recordFailed(
      long jobId,
      long mappingId,
      Long tgmRecordId,
      Map<String, String> erpKey,
      String idempotencyKey,
      RecordFailure failure) {
    return recordFailed(
        jobId,
        mappingId,
        tgmRecordId,
        erpKey,
        idempotencyKey,
        failure.code(),
        failure.retryable(),
        failure.erpCode(),
        failure.getMessage());
  }
}
