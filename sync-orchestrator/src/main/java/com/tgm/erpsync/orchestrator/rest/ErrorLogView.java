package com.tgm.erpsync.orchestrator.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.tgm.erpsync.orchestrator.jobs.SyncErrorLog;

/** One failed record in the guide's errorLogs. */
public record ErrorLogView(
    long recordIndex,
    String entityType,
    Long tgmRecordId,
    String erpRecordId,
    String errorCode,
    String errorMessage,
    @JsonProperty("isRetryable") boolean isRetryable) {

  static ErrorLogView of(SyncErrorLog log) {
    return new ErrorLogView(
        log.recordIndex(),
        log.entityType(),
        log.tgmRecordId(),
        log.erpRecordId(),
        log.errorCode(),
        log.errorMessage(),
        log.retryable());
  }
}
