package com.tgm.erpsync.orchestrator.schedule;

import java.time.Instant;

/**
 * One row of sync_schedule: when the connection's next incremental sync is due, and the snapshot
 * version of the connection it was planned from.
 */
public record ScheduleRow(
    long connectionId,
    int intervalMinutes,
    Instant nextRunAt,
    Instant lastFiredAt,
    Long lastJobId,
    long connectionVersion) {}
