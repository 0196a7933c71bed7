package com.tgm.erpsync.sandbox.core.journal;

import java.time.Instant;
import java.util.Map;

/**
 * One request that reached the sandbox.
 *
 * @param sequence arrival order, starting at 1
 * @param arrivedAt wall-clock arrival time
 * @param method HTTP method (after {@code X-HTTP-Method} tunnelling)
 * @param path request path
 * @param query raw query string
 * @param headers request headers; {@code Authorization} is reduced to its scheme
 * @param body request body as text (truncated to 64 KiB)
 * @param status response status, 0 when the connection was dropped or the request is in flight
 * @param batchPart whether this was an operation inside a {@code $batch}
 */
public record JournalEntry(
    long sequence,
    Instant arrivedAt,
    String method,
    String path,
    String query,
    Map<String, String> headers,
    String body,
    int status,
    boolean batchPart) {

  /** Header value by case-insensitive name, or null. */
  public String header(String name) {
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  JournalEntry withStatus(int newStatus) {
    return new JournalEntry(
        sequence, arrivedAt, method, path, query, headers, body, newStatus, batchPart);
  }
}
