package com.tgm.erpsync.sandbox.core.data;

/** A business failure of a store operation, carrying the HTTP status and the SAP error code. */
public final class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  /** A failure answered with {@code status} and SAP message code {@code code}. */
  public StoreException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
