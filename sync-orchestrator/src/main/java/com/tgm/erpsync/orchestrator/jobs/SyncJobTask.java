package com.tgm.erpsync.orchestrator.jobs;

import com.tgm.erpsync.contracts.SyncDirection;

/**
 * A job's work for one mapping in one direction (INBOUND or OUTBOUND), pinned to the mapping
 * version the job started with.
 */
public record SyncJobTask(
    long mappingId,
    SyncDirection direction,
    long mappingVersion,
    String entityType,
    String erpEntityName) {}
