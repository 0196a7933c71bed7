package com.tgm.erpsync.contracts.command;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.tgm.erpsync.contracts.MessageMeta;
import java.util.Map;
import java.util.Objects;

/**
 * Delete one ERP record. Commands are delivered at least once, so a record already gone is answered
 * by RecordApplied with operation UNCHANGED rather than by a NOT_FOUND failure.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeleteRecord(
    MessageMeta meta,
    long connectionId,
    long jobId,
    long mappingId,
    String erpEntityName,
    Long tgmRecordId,
    Map<String, String> erpKey,
    String ifMatch,
    String idempotencyKey)
    implements ConnectorCommand {

  public DeleteRecord {
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(erpEntityName, "erpEntityName");
    Objects.requireNonNull(erpKey, "erpKey");
  }
}
