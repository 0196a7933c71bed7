package com.tgm.erpsync.contracts;

/** Lifecycle of a sync job; STALE is set by the reaper on jobs running longer than two hours. */
public enum JobStatus {
  PENDING,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED,
  STALE;

  /** A terminal job never changes status again, so late results for it are only counted. */
  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED || this == STALE;
  }
}
