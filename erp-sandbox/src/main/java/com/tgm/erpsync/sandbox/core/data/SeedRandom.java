package com.tgm.erpsync.sandbox.core.data;

import java.time.Instant;
import java.util.SplittableRandom;

/** Per-record randomness and timestamps derived only from the seed and the record index. */
final class SeedRandom {

  /** Seeded change timestamps start here and advance one minute per record. */
  static final Instant BASE = Instant.parse("2020-01-01T00:00:00Z");

  private SeedRandom() {}

  /** The random source of record {@code index} of stream {@code salt}. */
  static SplittableRandom of(long seed, long salt, long index) {
    return new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + salt) ^ mix(index));
  }

  /** Change timestamp of record {@code index}: strictly increasing, with seeded jitter. */
  static Instant changedAt(long seed, long salt, long index) {
    long jitterMs = Math.floorMod(mix(seed ^ salt ^ (index * 31)), 59_000L);
    return BASE.plusSeconds(index * 60).plusMillis(jitterMs);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static <T> T pick(SplittableRandom r, T[] values) {
    return values[r.nextInt(values.length)];
  }
}
