package com.tgm.erpsync.connection.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Durations in the guide's words: "1 hour", "30 minutes", "1 day 2 hours", "15m 30s". */
public final class Durations {
  private Durations() {}

  /** Days, hours and minutes, largest first, zero parts left out: 90 → "1 hour 30 minutes". */
  public static String ofMinutes(long minutes) {
    if (minutes < 1) {
      return "less than a minute";
    }
    List<String> parts = new ArrayList<>();
    part(parts, minutes / (24 * 60), "day");
    part(parts, minutes / 60 % 24, "hour");
    part(parts, minutes % 60, "minute");
    return String.join(" ", parts);
  }

  /** Time until {@code remaining} runs out, rounded up to the minute; "due now" when past. */
  public static String until(Duration remaining) {
    if (remaining.isNegative() || remaining.isZero()) {
      return "due now";
    }
    long minutes = (remaining.toSeconds() + 59) / 60;
    return ofMinutes(minutes);
  }

  private static void part(List<String> parts, long count, String unit) {
    if (count > 0) {
      parts.add(count + " " + unit + (count == 1 ? "" : "s"));
    }
  }
}
