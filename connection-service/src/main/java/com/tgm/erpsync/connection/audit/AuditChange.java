package com.tgm.erpsync.connection.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One changed field of an audit entry. For a secret, {@code from} and {@code to} are never the
 * value: {@link #MASK} when it was or is present, {@link #SET} or {@link #REMOVED} when one side is
 * absent.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditChange(Object from, Object to) {
  public static final String MASK = "********";
  public static final String SET = "(set)";
  public static final String REMOVED = "(removed)";

  /** A secret that changed, was set, or was removed; present tells which side had a value. */
  public static AuditChange ofSecret(boolean presentBefore, boolean presentAfter) {
    if (!presentBefore) {
      return new AuditChange(null, SET);
    }
    return new AuditChange(MASK, presentAfter ? MASK : REMOVED);
  }
}
