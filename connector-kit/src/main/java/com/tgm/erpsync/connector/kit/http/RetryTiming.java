package com.tgm.erpsync.connector.kit.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Random;

/** How long to wait before a retry: exponential backoff with jitter, and the ERP's Retry-After. */
final class RetryTiming {

  private RetryTiming() {}

  /**
   * The wait before retry number {@code retry} (0 for the first): {@code base * 2^retry}, capped at
   * {@code max}, minus up to {@code jitter} of it at random.
   */
  static Duration backoff(int retry, Duration base, Duration max, double jitter, Random random) {
    long baseMillis = Math.max(0, base.toMillis());
    long maxMillis = Math.max(0, max.toMillis());
    long grown = baseMillis;
    for (int i = 0; i < retry && grown < maxMillis; i++) {
      grown *= 2;
    }
    long capped = Math.min(grown, maxMillis);
    double share = Math.min(Math.max(jitter, 0), 1);
    return Duration.ofMillis(capped - (long) (capped * share * random.nextDouble()));
  }

  /** The Retry-After of a response, as delta-seconds or HTTP-date, counted from {@code now}. */
  static Optional<Duration> retryAfter(ErpResponse response, Instant now) {
    Optional<String> header = response.header("Retry-After").map(String::strip);
    if (header.isEmpty() || header.get().isEmpty()) {
      return Optional.empty();
    }
    String value = header.get();
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
      } catch (NumberFormatException e) {
        return Optional.of(Duration.ofDays(1));
      }
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
