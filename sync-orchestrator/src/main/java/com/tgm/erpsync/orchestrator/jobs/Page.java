package com.tgm.erpsync.orchestrator.jobs;

import java.util.List;

/**
 * One page of a longer list.
 *
 * @param page 0-based
 * @param total the length of the whole list
 */
public record Page<T>(List<T> items, int page, int size, long total) {

  public boolean hasNext() {
    return (long) (page + 1) * size < total;
  }

  /** The last page with items; 0 for an empty list. */
  public int lastPage() {
    return total == 0 ? 0 : (int) ((total - 1) / size);
  }
}
