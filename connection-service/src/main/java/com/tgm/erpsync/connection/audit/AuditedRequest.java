package com.tgm.erpsync.connection.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one admin request has told the audit trail so far. A plain object rather than request-scoped
 * state, so that the end-of-response hook, which runs after the request scope is gone, can still
 * finish the entry. Touched from the worker and the event-loop thread, hence synchronized.
 */
final class AuditedRequest {
  private String action;
  private String method;
  private String path;
  private String actor;
  private Long connectionId;
  private final Map<String, AuditChange> changes = new TreeMap<>();
  private final List<Long> committedEntries = new ArrayList<>();
  private boolean finished;

  synchronized void begin(String action, String method, String path) {
    this.action = action;
    this.method = method;
    this.path = path;
  }

  synchronized void actor(String actor) {
    this.actor = actor;
  }

  synchronized void changed(long connectionId, Map<String, AuditChange> changes) {
    this.connectionId = connectionId;
    if (changes != null) {
      this.changes.putAll(changes);
    }
  }

  synchronized void committed(long entryId) {
    committedEntries.add(entryId);
  }

  /** Claims the last step (the entry, or the status of the entries written); true only once. */
  synchronized boolean finish() {
    boolean first = !finished;
    finished = true;
    return first;
  }

  synchronized String action() {
    return action;
  }

  synchronized String method() {
    return method;
  }

  synchronized String path() {
    return path;
  }

  synchronized String actor() {
    return actor;
  }

  synchronized Long connectionId() {
    return connectionId;
  }

  synchronized Map<String, AuditChange> changes() {
    return Map.copyOf(changes);
  }

  synchronized List<Long> committedEntries() {
    return List.copyOf(committedEntries);
  }
}
