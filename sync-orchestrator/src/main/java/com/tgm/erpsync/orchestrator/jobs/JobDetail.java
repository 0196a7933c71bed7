package com.tgm.erpsync.orchestrator.jobs;

/** A job with one page of its error logs. */
public record JobDetail(SyncJob job, Page<SyncErrorLog> errorLogs) {}
