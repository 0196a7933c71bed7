package com.tgm.erpsync.sandbox.core.b1;

/** A request the Service Layer refuses: HTTP status, Business One error code and message. */
final class ServiceLayerError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final int code;

  ServiceLayerError(int status, int code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  int status() {
    return status;
  }

  int code() {
    return code;
  }
}
