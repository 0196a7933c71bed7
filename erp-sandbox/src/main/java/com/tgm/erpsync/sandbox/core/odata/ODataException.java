package com.tgm.erpsync.sandbox.core.odata;

/** A request the service refuses, with the HTTP status and SAP message code to answer. */
public final class ODataException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  /** A refusal answered with {@code status} and SAP message code {@code code}. */
  public ODataException(int status, String code, String message) {
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
