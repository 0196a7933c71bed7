package com.tgm.erpsync.orchestrator.jobs;

/** One failed record of a job, as the guide's errorLogs show it. */
public record SyncErrorLog(
    long recordIndex,
    String entityType,
    Long tgmRecordId,
    String erpRecordId,
    String errorCode,
    String errorMessage,
    boolean retryable) {}
