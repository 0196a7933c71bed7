package com.tgm.erpsync.orchestrator.tgm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One TGM record as the store reads it: every catalogue field of its entity in {@code values}
 * (including {@code id} and {@code updatedAt}; null fields as JSON null), in the form
 * mapping-engine works with. {@code updatedAt} is the database's modification time, the keyset for
 * paging.
 */
public record TgmRow(long id, Instant updatedAt, ObjectNode values) {}
