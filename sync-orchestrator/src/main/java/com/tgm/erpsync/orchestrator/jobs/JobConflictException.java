package com.tgm.erpsync.orchestrator.jobs;

/**
 * A request the current state refuses; a 409 that says why.
 *
 * @see Reason
 */
public class JobConflictException extends RuntimeException {
  private final Reason reason;
  private final Long runningJobId;

  public JobConflictException(Reason reason, String message) {
    this(reason, message, null);
  }

  public JobConflictException(Reason reason, String message, Long runningJobId) {
    super(message);
    this.reason = reason;
    this.runningJobId = runningJobId;
  }

  public Reason reason() {
    return reason;
  }

  /** The job that is in the way (JOB_RUNNING), when known. */
  public Long runningJobId() {
    return runningJobId;
  }

  /** Why a request was refused, as the problem's {@code reason} member names it. */
  public enum Reason {
    CONNECTION_DISABLED,
    SYNC_DISABLED,
    NO_ENABLED_MAPPING,
    JOB_RUNNING,
    JOB_FINISHED,
    NOT_RETRYABLE,
    NO_FAILED_RECORDS,
    CONFLICT_RESOLVED,
    CONFLICT_UNRESOLVABLE
  }
}
