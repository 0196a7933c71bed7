package com.tgm.erpsync.contracts.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.MessageMeta;
import java.util.Objects;

/**
 * An ExtractPage that could not be read after the connector's own retries; the cursor lets the
 * orchestrator resume the job at the failed page.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExtractFailed(
    MessageMeta meta,
    long connectionId,
    long jobId,
    long mappingId,
    String cursor,
    ErrorCode errorCode,
    String message,
    boolean retryable,
    String erpErrorCode)
    implements ConnectorResult {

  public ExtractFailed {
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(errorCode, "errorCode");
  }
}
