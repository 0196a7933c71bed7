package com.tgm.erpsync.orchestrator.capture;

/**
 * How far the replication slot trails the database's WAL: {@code lagBytes} from the position the
 * capture confirmed, {@code retainedBytes} from the oldest WAL the slot keeps on disk.
 */
public record SlotLag(long lagBytes, long retainedBytes, boolean active) {}
