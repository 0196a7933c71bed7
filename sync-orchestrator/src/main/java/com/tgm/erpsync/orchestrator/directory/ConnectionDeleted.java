package com.tgm.erpsync.orchestrator.directory;

/**
 * A tombstone on erp.connections: the connection is gone. Fired synchronously on the directory's
 * reader thread after the connection left the directory; an observer that throws has the tombstone
 * read again, so no deletion is skipped.
 */
public record ConnectionDeleted(long connectionId) {}
