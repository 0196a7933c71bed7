package com.tgm.erpsync.connection.edge;

import java.time.LocalDateTime;
import java.util.List;

/**
 * What sync-orchestrator knows about a connection's schedule: the live half of the guide's schedule
 * view. Times are UTC, as everywhere in the guide.
 */
public record ScheduleState(
    LocalDateTime lastFullSync,
    LocalDateTime lastIncrementalSync,
    LocalDateTime nextScheduledSync,
    int activeJobsCount,
    List<Long> activeJobIds) {

  public ScheduleState {
    activeJobIds = activeJobIds == null ? List.of() : List.copyOf(activeJobIds);
  }
}
