package com.tgm.erpsync.mapping.messaging;

/** A tombstone on erp.connections: the connection and everything mapped for it are gone. */
public record ConnectionDeleted(long connectionId) {}
