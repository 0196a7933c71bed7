package com.tgm.erpsync.mapping.engine;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Readers for the exact ISO forms TGM values come in ({@code 2017-04-13}, {@code
 * 2017-04-13T15:51:04.123Z}), without a DateTimeFormatter's allocations: hashing and merging read
 * every date of every record. Null for any other form, which then goes to the full parser.
 */
final class IsoTexts {
  private static final int[] POWERS = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
  };

  private IsoTexts() {}

  /** {@code yyyy-MM-dd}, or null. */
  static LocalDate date(String text) {
    return text.length() == 10 ? date(text, 0) : null;
  }

  /** {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} (one to nine fraction digits), or null. */
  static Instant utcInstant(String text) {
    int n = text.length();
    if (n < 20
        || text.charAt(n - 1) != 'Z'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return null;
    }
    LocalDate date = date(text, 0);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    if (date == null
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    int nano = 0;
    if (n > 20) {
      int fractionDigits = n - 21;
      if (text.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
        return null;
      }
      int fraction = digits(text, 20, n - 1);
      if (fraction < 0) {
        return null;
      }
      nano = fraction * POWERS[9 - fractionDigits];
    }
    long seconds = date.toEpochDay() * 86_400L + hour * 3600L + minute * 60L + second;
    return Instant.ofEpochSecond(seconds, nano);
  }

  private static LocalDate date(String text, int start) {
    if (text.charAt(start + 4) != '-' || text.charAt(start + 7) != '-') {
      return null;
    }
    int year = digits(text, start, start + 4);
    int month = digits(text, start + 5, start + 7);
    int day = digits(text, start + 8, start + 10);
    if (year < 0 || month < 0 || day < 0) {
      return null;
    }
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The decimal number in text[from, to), or -1 when a character is no ASCII digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
