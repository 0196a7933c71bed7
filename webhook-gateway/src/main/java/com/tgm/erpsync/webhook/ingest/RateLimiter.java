package com.tgm.erpsync.webhook.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per connection: {@code requests} per {@code period}, refilled continuously, a
 * burst of up to {@code requests}. A request that finds the bucket empty learns how many whole
 * seconds to wait (the Retry-After of its 429).
 */
public final class RateLimiter {
  private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

  /** 0 when the request may go ahead, else the seconds until a token is there (at least 1). */
  public long tryAcquire(long connectionId, int requests, Duration period, long nowNanos) {
    Bucket bucket = buckets.computeIfAbsent(connectionId, id -> new Bucket(requests, nowNanos));
    return bucket.take(requests, period, nowNanos);
  }

  public void forget(long connectionId) {
    buckets.remove(connectionId);
  }

  private static final class Bucket {
    private double tokens;
    private long lastNanos;

    Bucket(int requests, long nowNanos) {
      this.tokens = requests;
      this.lastNanos = nowNanos;
    }

    synchronized long take(int requests, Duration period, long nowNanos) {
      double perNano = requests / (double) period.toNanos();
      tokens = Math.min(requests, tokens + (nowNanos - lastNanos) * perNano);
      lastNanos = nowNanos;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      double waitNanos = (1 - tokens) / perNano;
      return Math.max(1, (long) Math.ceil(waitNanos / 1_000_000_000d));
    }
  }
}
