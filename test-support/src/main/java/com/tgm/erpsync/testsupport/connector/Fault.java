package com.tgm.erpsync.testsupport.connector;

import com.tgm.erpsync.contracts.ErrorCode;
import java.util.Objects;

/**
 * A failure a scripted ERP answers with instead of doing the work. A fault that repeats keeps
 * failing; one that does not fails once and is then spent, so the retried command succeeds.
 */
public record Fault(ErrorCode errorCode, String message, boolean retryable, boolean repeats) {

  public Fault {
    Objects.requireNonNull(errorCode, "errorCode");
    Objects.requireNonNull(message, "message");
  }

  public static Fault once(ErrorCode errorCode, String message, boolean retryable) {
    return new Fault(errorCode, message, retryable, false);
  }

  public static Fault always(ErrorCode errorCode, String message, boolean retryable) {
    return new Fault(errorCode, message, retryable, true);
  }

  /** Retryable as a connector would judge the code ({@link ErrorCode#defaultRetryable()}). */
  public static Fault once(ErrorCode errorCode, String message) {
    return once(errorCode, message, errorCode.defaultRetryable());
  }

  /** Retryable as a connector would judge the code ({@link ErrorCode#defaultRetryable()}). */
  public static Fault always(ErrorCode errorCode, String message) {
    return always(errorCode, message, errorCode.defaultRetryable());
  }
}
