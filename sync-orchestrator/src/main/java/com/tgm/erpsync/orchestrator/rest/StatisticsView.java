package com.tgm.erpsync.orchestrator.rest;

import com.tgm.erpsync.orchestrator.jobs.SyncJob;
import com.tgm.erpsync.orchestrator.jobs.SyncStatistics;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * The guide's sync statistics of a connection. {@code recentFailures} counts the FAILED jobs that
 * ended in the last 24 hours; the {@code lastJob*} fields describe the newest job, whatever its
 * status, and are null when the connection has none.
 */
public record StatisticsView(
    long connectionId,
    String connectionName,
    LocalDateTime lastFullSync,
    LocalDateTime lastIncrementalSync,
    Map<String, Long> syncedRecordsByEntity,
    long recentFailures,
    String lastJobStatus,
    Long lastJobSuccessCount,
    Long lastJobErrorCount) {

  static StatisticsView of(SyncStatistics statistics) {
    SyncJob last = statistics.lastJob();
    return new StatisticsView(
        statistics.connectionId(),
        statistics.connectionName(),
        JobView.utc(statistics.lastFullSync()),
        JobView.utc(statistics.lastIncrementalSync()),
        statistics.syncedRecordsByEntity(),
        statistics.recentFailures(),
        last == null ? null : last.status().name(),
        last == null ? null : last.successCount(),
        last == null ? null : last.errorCount());
  }
}
