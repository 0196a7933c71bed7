package com.tgm.erpsync.contracts.event;

/** CloudEvents type values of {@link SyncEvent}, reverse-DNS so they never clash downstream. */
public final class SyncEventTypes {

  public static final String PREFIX = "com.tgm.erpsync.";

  public static final String JOB_STARTED = PREFIX + "job.started";
  public static final String JOB_PROGRESS = PREFIX + "job.progress";
  public static final String JOB_COMPLETED = PREFIX + "job.completed";
  public static final String JOB_FAILED = PREFIX + "job.failed";
  public static final String JOB_CANCELLED = PREFIX + "job.cancelled";
  public static final String RECORD_SYNCED = PREFIX + "record.synced";
  public static final String CONFLICT_DETECTED = PREFIX + "conflict.detected";
  public static final String CONFLICT_RESOLVED = PREFIX + "conflict.resolved";
  public static final String CONNECTION_TESTED = PREFIX + "connection.tested";

  private SyncEventTypes() {}
}
