package com.tgm.erpsync.orchestrator.jobs;

import java.time.Instant;
import java.util.Map;

/**
 * What the guide's sync statistics show of a connection.
 *
 * @param syncedRecordsByEntity linked records (ledger rows) per entity type, only those with any
 * @param recentFailures FAILED jobs that ended within {@link JobsConfig#recentFailuresWindow()}
 * @param lastJob the newest job of the connection, whatever its status; null when it has none
 */
public record SyncStatistics(
    long connectionId,
    String connectionName,
    Instant lastFullSync,
    Instant lastIncrementalSync,
    Map<String, Long> syncedRecordsByEntity,
    long recentFailures,
    SyncJob lastJob) {}
