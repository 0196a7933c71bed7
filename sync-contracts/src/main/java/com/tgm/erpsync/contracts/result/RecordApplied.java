package com.tgm.erpsync.contracts.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.tgm.erpsync.contracts.MessageMeta;
import java.util.Map;
import java.util.Objects;

/**
 * A write that reached the ERP. erpKey and etag are what the ERP now holds, so the ledger can link
 * the TGM record and recognise the change when it echoes back through a webhook.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecordApplied(
    MessageMeta meta,
    long connectionId,
    long jobId,
    long mappingId,
    Long tgmRecordId,
    Map<String, String> erpKey,
    String etag,
    WriteOperation operation,
    String idempotencyKey)
    implements ConnectorResult {

  public RecordApplied {
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(operation, "operation");
  }
}
