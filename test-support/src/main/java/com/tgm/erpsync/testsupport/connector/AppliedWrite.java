package com.tgm.erpsync.testsupport.connector;

import com.tgm.erpsync.contracts.result.WriteOperation;
import java.util.Map;

/**
 * One write that changed a scripted ERP, in the order they happened. {@code values} are the fields
 * the command carried (empty for a delete); replays and refused writes are not journaled.
 */
public record AppliedWrite(
    long connectionId,
    String erpEntityName,
    Map<String, String> erpKey,
    Map<String, Object> values,
    String idempotencyKey,
    WriteOperation operation,
    Long tgmRecordId,
    long jobId,
    String etag) {}
