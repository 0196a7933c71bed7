package com.tgm.erpsync.webhook.ingest;

import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Event ids each connection's webhooks delivered, remembered for a window: a delivery of an id
 * accepted within the window is a duplicate and is not published again. An id is claimed while its
 * event is being published and remembered only once the broker acknowledged it, so a delivery whose
 * publication failed can be retried by the ERP. Memory is bounded per connection (the oldest ids
 * are forgotten first); ids live in this replica's memory, and the orchestrator drops a repeat that
 * reached another replica by its message id, which is derived from the event id.
 */
public final class ReplayGuard {
  private final Duration window;
  private final int maxEvents;
  private final Map<Long, Seen> connections = new ConcurrentHashMap<>();

  public ReplayGuard(Duration window, int maxEvents) {
    this.window = window;
    this.maxEvents = maxEvents;
  }

  /** What became of a claim. */
  public enum Claim {
    /** New: publish it, then {@link #accepted} or {@link #release}. */
    CLAIMED,
    /** Accepted within the window already. */
    DUPLICATE,
    /** Being published by a concurrent delivery right now. */
    IN_FLIGHT
  }

  public Claim claim(long connectionId, String eventId, long nowNanos) {
    return connections.computeIfAbsent(connectionId, id -> new Seen()).claim(eventId, nowNanos);
  }

  /** The event was acknowledged by the broker. */
  public void accepted(long connectionId, String eventId, long nowNanos) {
    Seen seen = connections.get(connectionId);
    if (seen != null) {
      seen.accepted(eventId, nowNanos);
    }
  }

  /** The event was not published: a redelivery may claim it again. */
  public void release(long connectionId, String eventId) {
    Seen seen = connections.get(connectionId);
    if (seen != null) {
      seen.release(eventId);
    }
  }

  public void forget(long connectionId) {
    connections.remove(connectionId);
  }

  private final class Seen {
    // insertion order = acceptance order, so the oldest come first
    private final LinkedHashMap<String, Long> accepted = new LinkedHashMap<>();
    private final Set<String> inFlight = new HashSet<>();

    synchronized Claim claim(String eventId, long nowNanos) {
      expire(nowNanos);
      if (accepted.containsKey(eventId)) {
        return Claim.DUPLICATE;
      }
      return inFlight.add(eventId) ? Claim.CLAIMED : Claim.IN_FLIGHT;
    }

    synchronized void accepted(String eventId, long nowNanos) {
      inFlight.remove(eventId);
      accepted.put(eventId, nowNanos);
      while (accepted.size() > maxEvents) {
        Iterator<String> oldest = accepted.keySet().iterator();
        oldest.next();
        oldest.remove();
      }
    }

    synchronized void release(String eventId) {
      inFlight.remove(eventId);
    }

    private void expire(long nowNanos) {
      long limit = window.toNanos();
      for (Iterator<Long> at = accepted.values().iterator(); at.hasNext(); ) {
        if (nowNanos - at.next() <= limit) {
          return;
        }
        at.remove();
      }
    }
  }
}
