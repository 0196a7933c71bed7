package com.tgm.erpsync.sandbox.core.data;

import java.time.Instant;
import java.util.Map;

/**
 * Deterministic source of the seeded records of one entity set: record {@code i} is a pure function
 * of the seed and {@code i}. Keys must increase with {@code i} (in string order) and the change
 * timestamp must not decrease with {@code i}, so that paging and delta filters can compute
 * positions instead of scanning.
 */
public interface RecordGenerator {

  /** Canonical key of record {@code index} (see {@link EntitySetDefinition#canonicalKey}). */
  String keyOf(long index);

  /** Change timestamp of record {@code index}. */
  Instant changedAt(long index);

  /** The full record {@code index}, in field order. */
  Map<String, Object> record(long index);

  /**
   * The key values of the {@code sequence}-th record created without a key, or null when the set
   * requires the client to supply the key.
   */
  Map<String, Object> assignedKey(long sequence);
}
