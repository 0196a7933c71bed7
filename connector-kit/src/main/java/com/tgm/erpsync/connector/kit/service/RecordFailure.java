package com.tgm.erpsync.connector.kit.service;

import com.tgm.erpsync.connector.kit.http.ErpCallException;
import com.tgm.erpsync.contracts.ErrorCode;

/**
 * Why an operation on one record failed, as its result will say: the result code, whether a retry
 * may succeed, the ERP's own error code, and whether the write may have reached the ERP anyway.
 * Dialects throw it inside their record operations and answer it with {@link Replies#recordFailed}.
 */
public final class RecordFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final boolean retryable;
  private final String erpCode;
  private final boolean maybeApplied;

  public RecordFailure(ErrorCode code, boolean retryable, String erpCode, String message) {
    this(code, retryable, erpCode, message, false);
  }

  public RecordFailure(
      ErrorCode code, boolean retryable, String erpCode, String message, boolean maybeApplied) {
    super(message, null, false, false);
    this.code = code;
    this.retryable = retryable;
    this.erpCode = erpCode;
    this.maybeApplied = maybeApplied;
  }

  /** A call that got no usable answer, with the runtime's classification. */
  public static RecordFailure of(ErpCallException e) {
    return new RecordFailure(
        e.code(), e.retryable(), e.erpErrorCode(), e.getMessage(), e.maybeApplied());
  }

  public ErrorCode code() {
    return code;
  }

  public boolean retryable() {
    return retryable;
  }

  public String erpCode() {
    return erpCode;
  }

  public boolean maybeApplied() {
    return maybeApplied;
  }
}
