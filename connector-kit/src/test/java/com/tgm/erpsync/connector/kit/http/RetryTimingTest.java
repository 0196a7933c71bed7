package com.tgm.erpsync.connector.kit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryTimingTest {

  @Test
  void doublesTheBackoffUpToTheCapAndTakesOffAtMostTheJitterShare() {
    Random random = new Random(42);
    Duration base = Duration.ofSeconds(2);
    Duration cap = Duration.ofSeconds(30);
    long[] ceilings = {2_000, 4_000, 8_000, 16_000, 30_000, 30_000};
    for (int retry = 0; retry < ceilings.length; retry++) {
      for (int sample = 0; sample < 50; sample++) {
        long wait = RetryTiming.backoff(retry, base, cap, 0.2, random).toMillis();
        assertThat(wait).isBetween((long) (ceilings[retry] * 0.8), ceilings[retry]);
      }
    }
  }

  @Test
  void readsRetryAfterAsSecondsOrHttpDate() {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");

    assertThat(RetryTiming.retryAfter(response("120"), now)).contains(Duration.ofSeconds(120));
    assertThat(RetryTiming.retryAfter(response("Sun, 01 Mar 2026 10:00:07 GMT"), now))
        .contains(Duration.ofSeconds(7));
    assertThat(RetryTiming.retryAfter(response("Sun, 01 Mar 2026 09:00:00 GMT"), now))
        .contains(Duration.ZERO);
    assertThat(RetryTiming.retryAfter(response("soon"), now)).isEmpty();
    assertThat(RetryTiming.retryAfter(new ErpResponse(503, Map.of(), null, 0), now)).isEmpty();
  }

  private static ErpResponse response(String retryAfter) {
    return new ErpResponse(429, Map.of("retry-after", List.of(retryAfter)), null, 0);
  }
}
