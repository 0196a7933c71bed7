package com.tgm.erpsync.sandbox.core.b1;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open Service Layer sessions: a session ends after {@code timeout} without use (measured on
 * the sandbox clock, each use extends it), on logout, or when all are expired at once.
 */
public final class Sessions {

  private final Duration timeout;
  private final Clock clock;
  private final Map<String, Instant> lastUse = new ConcurrentHashMap<>();

  /** Sessions that time out after {@code timeout} of inactivity on {@code clock}. */
  public Sessions(Duration timeout, Clock clock) {
    this.timeout = timeout;
    this.clock = clock;
  }

  /** Idle time after which a session ends. */
  public Duration timeout() {
    return timeout;
  }

  /** Opens a session and returns its id. */
  String open() {
    String id = UUID.randomUUID().toString();
    lastUse.put(id, clock.instant());
    return id;
  }

  /** Whether the session is alive; a live session's idle time starts again. */
  boolean touch(String id) {
    if (id == null) {
      return false;
    }
    Instant now = clock.instant();
    Optional<Instant> alive =
        Optional.ofNullable(
            lastUse.computeIfPresent(
                id, (k, last) -> now.isBefore(last.plus(timeout)) ? now : null));
    return alive.isPresent();
  }

  /** Ends one session. */
  void end(String id) {
    lastUse.remove(id);
  }

  /** Ends every session, as a Service Layer restart would. */
  public void expireAll() {
    lastUse.clear();
  }

  /** Number of sessions not ended (an idle one is counted until it is next used). */
  public int count() {
    return lastUse.size();
  }
}
