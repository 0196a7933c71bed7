package com.tgm.erpsync.mapping.engine;

import java.util.Random;
import java.util.function.Consumer;

/**
 * Property checks over many generated cases: each case gets its own seed, printed when the property
 * fails, so a failure can be replayed with {@link #replay}.
 */
final class Cases {
  static final int TRIES = 1000;
  private static final long SEED = 0x7A6D5EEDL;

  private Cases() {}

  static void forAll(Consumer<Random> property) {
    for (int i = 0; i < TRIES; i++) {
      replay(scramble(SEED + i), property);
    }
  }

  /**
   * SplitMix64's finaliser: java.util.Random's first draws for neighbouring seeds are nearly equal,
   * which would leave most of a value range untried.
   */
  private static long scramble(long seed) {
    long z = seed + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static void replay(long seed, Consumer<Random> property) {
    try {
      property.accept(new Random(seed));
    } catch (AssertionError e) {
      throw new AssertionError("falsified by case seed " + seed + ": " + e.getMessage(), e);
    }
  }
}
