package com.tgm.erpsync.connector.kit.http;

import com.tgm.erpsync.contracts.ErrorCode;
import java.util.Objects;
import java.util.Optional;

/**
 * An ERP call that produced no usable response: the network failed, the circuit is open, the
 * credentials could not be obtained, or a non-idempotent request ended in a state where it may have
 * been applied ({@link #maybeApplied()}), so the dialect should look the record up before creating
 * it again.
 */
public class ErpCallException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final boolean retryable;
  private final String erpErrorCode;
  private final boolean maybeApplied;
  private final transient ErpResponse response;

  public ErpCallException(ErrorCode code, String message, boolean retryable) {
    this(code, message, retryable, false, null, null, null);
  }

  public ErpCallException(ErrorCode code, String message, boolean retryable, Throwable cause) {
    this(code, message, retryable, false, null, null, cause);
  }

  public ErpCallException(
      ErrorCode code,
      String message,
      boolean retryable,
      boolean maybeApplied,
      String erpErrorCode,
      ErpResponse response,
      Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.retryable = retryable;
    this.maybeApplied = maybeApplied;
    this.erpErrorCode = erpErrorCode;
    this.response = response;
  }

  public ErrorCode code() {
    return code;
  }

  public boolean retryable() {
    return retryable;
  }

  /** The ERP's own error code when known; may be null. */
  public String erpErrorCode() {
    return erpErrorCode;
  }

  /** True when a non-idempotent request may have reached the ERP and been applied. */
  public boolean maybeApplied() {
    return maybeApplied;
  }

  /** The ERP's answer, when there was one (e.g. a 502 to a POST that may have been applied). */
  public Optional<ErpResponse> response() {
    return Optional.ofNullable(response);
  }

  /** A copy stating whether the request may have been applied. */
  public ErpCallException withMaybeApplied(boolean applied) {
    return new ErpCallException(
        code, getMessage(), retryable, applied, erpErrorCode, response, getCause());
  }
}
