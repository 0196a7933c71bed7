package com.tgm.erpsync.sandbox.core;

import java.time.Duration;
import java.util.Random;

/**
 * Misbehaviour settings of one sandbox, changeable at any time (in-process or through the admin
 * API). Random faults draw from one seeded {@link Random}, three draws per request whatever the
 * rates, so a run with the same seed and the same request sequence sees the same faults.
 */
public final class Knobs {

  /** What the sandbox does with a request before serving it. */
  public enum Action {
    SERVE,
    DROP,
    FAIL,
    THROTTLE,
    HOLD
  }

  /**
   * The decision for one request.
   *
   * @param action what to do
   * @param status status to answer with for FAIL
   * @param retryAfterSeconds value of {@code Retry-After} for THROTTLE
   */
  public record Decision(Action action, int status, long retryAfterSeconds) {
    static final Decision SERVE = new Decision(Action.SERVE, 0, 0);
  }

  /**
   * Serializable view of the knobs, used by options and the admin API.
   *
   * @param latencyMs fixed delay before every answer
   * @param rateLimitRequests requests allowed per period, 0 for no limit
   * @param rateLimitPeriodMs length of the rate-limit window
   * @param faultRate probability of a 500/503 answer
   * @param timeoutRate probability of holding the request for {@code timeoutHoldMs}
   * @param timeoutHoldMs how long a held request waits before a 504
   * @param dropRate probability of closing the connection without an answer
   * @param seed seed of the fault generator; setting it restarts the sequence
   */
  public record Settings(
      long latencyMs,
      int rateLimitRequests,
      long rateLimitPeriodMs,
      double faultRate,
      double timeoutRate,
      long timeoutHoldMs,
      double dropRate,
      long seed) {

    /** Well-behaved defaults. */
    public static Settings defaults() {
      return new Settings(0, 0, 1000, 0, 0, 30_000, 0, 42);
    }

    /** Copy with a fixed latency. */
    public Settings withLatency(Duration latency) {
      return new Settings(
          latency.toMillis(),
          rateLimitRequests,
          rateLimitPeriodMs,
          faultRate,
          timeoutRate,
          timeoutHoldMs,
          dropRate,
          seed);
    }

    /** Copy with a rate limit of {@code requests} per {@code period}. */
    public Settings withRateLimit(int requests, Duration period) {
      return new Settings(
          latencyMs,
          requests,
          period.toMillis(),
          faultRate,
          timeoutRate,
          timeoutHoldMs,
          dropRate,
          seed);
    }

    /** Copy with a 5xx fault rate and seed. */
    public Settings withFaultRate(double rate, long newSeed) {
      return new Settings(
          latencyMs,
          rateLimitRequests,
          rateLimitPeriodMs,
          rate,
          timeoutRate,
          timeoutHoldMs,
          dropRate,
          newSeed);
    }

    /** Copy with a timeout rate and hold time. */
    public Settings withTimeoutRate(double rate, Duration hold) {
      return new Settings(
          latencyMs,
          rateLimitRequests,
          rateLimitPeriodMs,
          faultRate,
          rate,
          hold.toMillis(),
          dropRate,
          seed);
    }

    /** Copy with a dropped-connection rate. */
    public Settings withDropRate(double rate) {
      return new Settings(
          latencyMs,
          rateLimitRequests,
          rateLimitPeriodMs,
          faultRate,
          timeoutRate,
          timeoutHoldMs,
          rate,
          seed);
    }
  }

  private Settings settings;
  private Random random;
  private int failNextCount;
  private int failNextStatus;
  private long windowStartNanos = System.nanoTime();
  private int windowCount;

  /** Knobs starting from the given settings. */
  public Knobs(Settings initial) {
    apply(initial);
  }

  /** Replaces every setting and restarts the fault sequence from the seed. */
  public synchronized void apply(Settings s) {
    this.settings = s;
    this.random = new Random(s.seed());
    this.windowStartNanos = System.nanoTime();
    this.windowCount = 0;
  }

  /** Current settings. */
  public synchronized Settings settings() {
    return settings;
  }

  /** The next {@code count} requests are answered with {@code status}. */
  public synchronized void failNext(int count, int status) {
    this.failNextCount = count;
    this.failNextStatus = status;
  }

  /** Number of requests still to fail through {@link #failNext}. */
  public synchronized int pendingFailures() {
    return failNextCount;
  }

  /** Back to the defaults, no pending failures. */
  public synchronized void reset() {
    failNextCount = 0;
    apply(Settings.defaults());
  }

  /** Decides the fate of one arriving request. */
  public synchronized Decision decide() {
    double drop = random.nextDouble();
    double fault = random.nextDouble();
    double hold = random.nextDouble();
    if (failNextCount > 0) {
      failNextCount--;
      return new Decision(Action.FAIL, failNextStatus, 0);
    }
    if (settings.rateLimitRequests() > 0) {
      long periodNanos = Duration.ofMillis(settings.rateLimitPeriodMs()).toNanos();
      long now = System.nanoTime();
      if (now - windowStartNanos >= periodNanos) {
        windowStartNanos = now;
        windowCount = 0;
      }
      if (++windowCount > settings.rateLimitRequests()) {
        long remaining = periodNanos - (now - windowStartNanos);
        long seconds = Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L);
        return new Decision(Action.THROTTLE, 429, seconds);
      }
    }
    if (drop < settings.dropRate()) {
      return new Decision(Action.DROP, 0, 0);
    }
    if (fault < settings.faultRate()) {
      return new Decision(Action.FAIL, fault < settings.faultRate() / 2 ? 503 : 500, 0);
    }
    if (hold < settings.timeoutRate()) {
      return new Decision(Action.HOLD, 504, 0);
    }
    return Decision.SERVE;
  }
}
