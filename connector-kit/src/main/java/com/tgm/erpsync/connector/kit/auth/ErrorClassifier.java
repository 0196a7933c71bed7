package com.tgm.erpsync.connector.kit.auth;

import com.tgm.erpsync.contracts.ErrorCode;

/**
 * Maps an ERP's HTTP status to our {@link ErrorCode} and says whether trying again can help, the
 * same way for every dialect (see the throttling rules in ERP-PROTOCOLS.md).
 */
public final class ErrorClassifier {

  private ErrorClassifier() {}

  public static ErrorCode codeFor(int status) {
    return switch (status) {
      case 401, 403 -> ErrorCode.AUTH_FAILED;
      case 404 -> ErrorCode.NOT_FOUND;
      case 400, 422 -> ErrorCode.VALIDATION_ERROR;
      case 409 -> ErrorCode.CONFLICT;
      case 412 -> ErrorCode.ETAG_MISMATCH;
      case 429 -> ErrorCode.RATE_LIMITED;
      case 408, 504 -> ErrorCode.TIMEOUT;
      case 502, 503 -> ErrorCode.ERP_UNAVAILABLE;
      default -> ErrorCode.ERP_ERROR;
    };
  }

  /** Whether the outcome may change on a later attempt: timeouts, throttling and 5xx. */
  public static boolean retryable(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  /** Whether the runtime retries this status by itself (408, 429, 500, 502, 503, 504). */
  public static boolean retriedByRuntime(int status) {
    return status == 408 || status == 429 || status == 500 || (status >= 502 && status <= 504);
  }

  /** Whether the ERP surely did not process a request answered with this status (429, 503). */
  public static boolean surelyNotProcessed(int status) {
    return status == 429 || status == 503;
  }
}
