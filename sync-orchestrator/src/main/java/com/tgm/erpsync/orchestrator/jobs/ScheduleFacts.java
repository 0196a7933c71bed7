package com.tgm.erpsync.orchestrator.jobs;

import java.time.Instant;
import java.util.List;

/** The jobs side of a connection's schedule: last syncs, the next planned one, active jobs. */
public record ScheduleFacts(
    Instant lastFullSync,
    Instant lastIncrementalSync,
    Instant nextScheduledSync,
    List<Long> activeJobIds) {}
