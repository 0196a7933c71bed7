package com.tgm.erpsync.sandbox.core.journal;

import java.time.Instant;
import java.util.function.Predicate;

/**
 * Criteria to select journal entries; null fields match everything.
 *
 * @param method HTTP method, case-insensitive
 * @param pathContains substring of the path
 * @param since entries that arrived at or after this instant
 * @param status response status
 * @param includeBatchParts whether operations inside {@code $batch} requests are included
 */
public record JournalFilter(
    String method, String pathContains, Instant since, Integer status, boolean includeBatchParts)
    implements Predicate<JournalEntry> {

  /** Matches every entry, batch operations included. */
  public static JournalFilter all() {
    return new JournalFilter(null, null, null, null, true);
  }

  /** Only entries with this method. */
  public JournalFilter method(String m) {
    return new JournalFilter(m, pathContains, since, status, includeBatchParts);
  }

  /** Only entries whose path contains this text. */
  public JournalFilter pathContains(String p) {
    return new JournalFilter(method, p, since, status, includeBatchParts);
  }

  /** Only entries that arrived at or after this instant. */
  public JournalFilter since(Instant s) {
    return new JournalFilter(method, pathContains, s, status, includeBatchParts);
  }

  /** Only entries answered with this status. */
  public JournalFilter status(Integer s) {
    return new JournalFilter(method, pathContains, since, s, includeBatchParts);
  }

  /** Only top-level HTTP requests, not the operations inside a {@code $batch}. */
  public JournalFilter withoutBatchParts() {
    return new JournalFilter(method, pathContains, since, status, false);
  }

  @Override
  public boolean test(JournalEntry e) {
    return (method == null || method.equalsIgnoreCase(e.method()))
        && (pathContains == null || e.path().contains(pathContains))
        && (since == null || !e.arrivedAt().isBefore(since))
        && (status == null || status == e.status())
        && (includeBatchParts || !e.batchPart());
  }
}
