package com.tgm.erpsync.orchestrator.schedule;

import java.time.Instant;

/**
 * What one due run of a connection's schedule came to on this replica.
 *
 * @param jobId the job started (STARTED), or the one in the way (SKIPPED, when known)
 * @param reason why the run was skipped or refused, in words for the log
 */
public record ScheduledRun(
    long connectionId, Outcome outcome, Long jobId, Instant nextRunAt, String reason) {

  /** A due run either starts a job, is skipped while one still runs, or is refused. */
  public enum Outcome {
    STARTED,
    SKIPPED,
    REFUSED
  }
}
