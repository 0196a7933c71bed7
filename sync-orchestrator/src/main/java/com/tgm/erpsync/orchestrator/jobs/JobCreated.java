package com.tgm.erpsync.orchestrator.jobs;

/**
 * A sync job and its tasks were created. Fired inside the creating transaction: an observer with
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)} sees it once the job is committed and
 * never for a job that was rolled back.
 */
public record JobCreated(long jobId) {}
