package com.tgm.erpsync.mapping.service;

import java.time.Instant;

/** A committed entity mapping: its definition and what the service maintains around it. */
public record StoredMapping(
    long id,
    long connectionId,
    MappingDefinition definition,
    long version,
    Instant createdAt,
    Instant updatedAt) {}
