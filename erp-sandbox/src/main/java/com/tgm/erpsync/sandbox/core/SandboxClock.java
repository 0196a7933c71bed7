package com.tgm.erpsync.sandbox.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The sandbox's notion of now: a base clock shifted by an adjustable offset, so tests can move time
 * forward (token expiry, change timestamps) without sleeping.
 */
public final class SandboxClock extends Clock {

  private final Clock base;
  private volatile Duration offset = Duration.ZERO;

  /** A clock following {@code base}. */
  public SandboxClock(Clock base) {
    this.base = base;
  }

  /** Moves time forward (or back, with a negative duration). */
  public void advance(Duration by) {
    offset = offset.plus(by);
  }

  /** Jumps to the given instant; time keeps running from there. */
  public void set(Instant now) {
    offset = Duration.between(base.instant(), now);
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
