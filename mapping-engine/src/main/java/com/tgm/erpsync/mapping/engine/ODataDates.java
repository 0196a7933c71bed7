package com.tgm.erpsync.mapping.engine;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * OData V2 JSON dates: {@code /Date(1492098664000)/}, milliseconds since the epoch (negative before
 * 1970), optionally followed by an offset {@code +hhmm} or {@code -hhmm}. The milliseconds are UTC;
 * the offset only says which local time the sender meant.
 */
final class ODataDates {
  private static final String PREFIX = "/Date(";
  private static final String SUFFIX = ")/";

  /** A parsed literal; offset is null when the literal has none. */
  record Literal(long epochMillis, ZoneOffset offset) {}

  private ODataDates() {}

  static boolean looksLikeODate(String text) {
    return text.startsWith(PREFIX);
  }

  /** The literal, or null when {@code text} is not a well-formed OData V2 date. */
  static Literal parse(String text) {
    if (!text.startsWith(PREFIX) || !text.endsWith(SUFFIX)) {
      return null;
    }
    int end = text.length() - SUFFIX.length();
    int start = PREFIX.length();
    int digitsEnd = start;
    if (digitsEnd < end && text.charAt(digitsEnd) == '-') {
      digitsEnd++;
    }
    int firstDigit = digitsEnd;
    while (digitsEnd < end && Character.isDigit(text.charAt(digitsEnd))) {
      digitsEnd++;
    }
    if (digitsEnd == firstDigit || digitsEnd - firstDigit > 18) {
      return null;
    }
    long millis = Long.parseLong(text, start, digitsEnd, 10);
    if (digitsEnd == end) {
      return new Literal(millis, null);
    }
    char sign = text.charAt(digitsEnd);
    if ((sign != '+' && sign != '-') || end - digitsEnd != 5) {
      return null;
    }
    for (int i = digitsEnd + 1; i < end; i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return null;
      }
    }
    int hours = Integer.parseInt(text, digitsEnd + 1, digitsEnd + 3, 10);
    int minutes = Integer.parseInt(text, digitsEnd + 3, end, 10);
    if (hours > 18 || minutes > 59) {
      return null;
    }
    int seconds = (hours * 3600 + minutes * 60) * (sign == '-' ? -1 : 1);
    return new Literal(millis, ZoneOffset.ofTotalSeconds(seconds));
  }

  static String format(long epochMillis) {
    return PREFIX + epochMillis + SUFFIX;
  }

  /** Wall-clock milliseconds: a local date-time written as if it were UTC (SAP Edm.DateTime). */
  static long wallClockMillis(LocalDateTime local) {
    return local.toEpochSecond(ZoneOffset.UTC) * 1000 + local.getNano() / 1_000_000;
  }

  static LocalDateTime wallClock(long epochMillis) {
    return LocalDateTime.ofEpochSecond(
        Math.floorDiv(epochMillis, 1000),
        (int) Math.floorMod(epochMillis, 1000) * 1_000_000,
        ZoneOffset.UTC);
  }
}
