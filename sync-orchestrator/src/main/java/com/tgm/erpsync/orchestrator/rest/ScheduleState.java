package com.tgm.erpsync.orchestrator.rest;

import java.time.LocalDateTime;
import java.util.List;

/**
 * What the orchestrator knows of a connection's schedule, for connection-service's schedule view:
 * the last syncs, the next planned one, and the jobs running now. Times are UTC.
 */
public record ScheduleState(
    LocalDateTime lastFullSync,
    LocalDateTime lastIncrementalSync,
    LocalDateTime nextScheduledSync,
    int activeJobsCount,
    List<Long> activeJobIds) {}
