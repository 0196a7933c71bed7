package com.tgm.erpsync.contracts.command;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * One record to write into the ERP, already mapped to ERP field names. A null erpKey means create,
 * unless the connector finds the record by its key fields first (so a replay never duplicates);
 * ifMatch carries the ETag for optimistic concurrency.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecordWrite(
    Long tgmRecordId,
    Map<String, String> erpKey,
    String ifMatch,
    Map<String, Object> values,
    String idempotencyKey) {}
