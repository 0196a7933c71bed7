package com.tgm.erpsync.mapping.engine;

import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** java.time patterns from field mapping formats, e.g. NetSuite's date preference M/d/yyyy. */
final class Patterns {
  private Patterns() {}

  /**
   * A strict formatter: 31/02/2024 is refused, not turned into 29/02. Strict resolving needs the
   * proleptic year (u) rather than year-of-era (y), so y is read as u unless the pattern has an
   * era.
   *
   * @throws IllegalArgumentException when the pattern is not a java.time pattern
   */
  static DateTimeFormatter compile(String pattern) {
    String strict = hasUnquoted(pattern, 'G') ? pattern : replaceUnquoted(pattern, 'y', 'u');
    return new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern(strict)
        .toFormatter(Locale.ROOT)
        .withChronology(IsoChronology.INSTANCE)
        .withResolverStyle(ResolverStyle.STRICT);
  }

  /** The finest unit the pattern writes: values finer than that do not survive a round trip. */
  static ChronoUnit precision(String pattern) {
    int fraction = longestUnquotedRun(pattern, 'S');
    if (fraction > 0 || hasUnquoted(pattern, 'n') || hasUnquoted(pattern, 'N')) {
      if (fraction > 0 && fraction <= 3) {
        return ChronoUnit.MILLIS;
      }
      return fraction > 0 && fraction <= 6 ? ChronoUnit.MICROS : ChronoUnit.NANOS;
    }
    if (hasUnquoted(pattern, 's')) {
      return ChronoUnit.SECONDS;
    }
    if (hasUnquoted(pattern, 'm')) {
      return ChronoUnit.MINUTES;
    }
    if (hasUnquoted(pattern, 'H') || hasUnquoted(pattern, 'h') || hasUnquoted(pattern, 'k')) {
      return ChronoUnit.HOURS;
    }
    return ChronoUnit.DAYS;
  }

  private static boolean hasUnquoted(String pattern, char letter) {
    return longestUnquotedRun(pattern, letter) > 0;
  }

  private static int longestUnquotedRun(String pattern, char letter) {
    boolean quoted = false;
    int longest = 0;
    int run = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
        run = 0;
      } else if (!quoted && c == letter) {
        run++;
        longest = Math.max(longest, run);
      } else {
        run = 0;
      }
    }
    return longest;
  }

  private static String replaceUnquoted(String pattern, char from, char to) {
    StringBuilder out = new StringBuilder(pattern.length());
    boolean quoted = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      }
      out.append(!quoted && c == from ? to : c);
    }
    return out.toString();
  }
}
