package com.tgm.erpsync.contracts;

/**
 * Why an operation against an ERP failed, as shown in job error logs. A result carries its own
 * retryable flag; {@link #defaultRetryable()} is what a connector uses when it knows no better.
 */
public enum ErrorCode {
  AUTH_FAILED,
  NOT_FOUND,
  VALIDATION_ERROR,
  MAPPING_ERROR,
  CONFLICT,
  ETAG_MISMATCH,
  RATE_LIMITED,
  TIMEOUT,
  ERP_UNAVAILABLE,
  ERP_ERROR,
  CONNECTION_UNKNOWN,
  CONNECTION_DISABLED,
  UNSUPPORTED_OPERATION,
  INTERNAL_ERROR;

  public boolean defaultRetryable() {
    return this == RATE_LIMITED
        || this == TIMEOUT
        || this == ERP_UNAVAILABLE
        || this == ETAG_MISMATCH;
  }
}
