package com.tgm.erpsync.contracts.result;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.MessageMeta;
import java.time.Instant;
import java.util.Objects;

/**
 * Outcome of a TestConnection, keyed by connectionId. erpType is null when the connector does not
 * know the connection (CONNECTION_UNKNOWN); errorCode is null on success.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectionTested(
    MessageMeta meta,
    long connectionId,
    ErpType erpType,
    boolean success,
    String message,
    ErrorCode errorCode,
    @JsonFormat(shape = JsonFormat.Shape.STRING) Instant testedAt,
    long latencyMs)
    implements ConnectorResult {

  public ConnectionTested {
    Objects.requireNonNull(meta, "meta");
  }
}
