package com.tgm.erpsync.connection.audit;

/** How an audited admin write ended. */
public enum AuditOutcome {
  /** The change is in effect. */
  SUCCESS,
  /** Refused by the API (4xx): bad input, unknown connection, no or insufficient token. */
  REJECTED,
  /** The service failed (5xx): nothing the caller did wrong, the change may be missing. */
  FAILED;

  public static AuditOutcome ofStatus(int status) {
    if (status >= 500) {
      return FAILED;
    }
    return status >= 400 ? REJECTED : SUCCESS;
  }
}
