package com.tgm.erpsync.contracts.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.MessageMeta;
import java.util.Map;
import java.util.Objects;

/**
 * A write the ERP refused or the connector gave up on; becomes one entry of the job's error log.
 * erpErrorCode is the ERP's own code (e.g. an SAP message id) for the integration engineer.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecordFailed(
    MessageMeta meta,
    long connectionId,
    long jobId,
    long mappingId,
    Long tgmRecordId,
    Map<String, String> erpKey,
    String idempotencyKey,
    ErrorCode errorCode,
    String message,
    boolean retryable,
    String erpErrorCode)
    implements ConnectorResult {

  public RecordFailed {
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(errorCode, "errorCode");
  }
}
