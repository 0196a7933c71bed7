package com.tgm.erpsync.mapping.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IsoTextsTest {

  @Test
  void readsEveryInstantAsTheFullParserDoes() {
    Cases.forAll(
        random -> {
          Instant instant =
              Instant.ofEpochSecond(
                  (long) ((random.nextDouble() - 0.3) * 253402300799L),
                  random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
          String text = instant.toString();
          if (text.startsWith("-") || text.startsWith("+")) {
            assertThat(IsoTexts.utcInstant(text)).as(text).isNull();
            return;
          }
          assertThat(IsoTexts.utcInstant(text)).as(text).isEqualTo(Instant.parse(text));
          String date = text.substring(0, 10);
          assertThat(IsoTexts.date(date)).as(date).isEqualTo(LocalDate.parse(date));
        });
  }

  @Test
  void readsEveryFractionLength() {
    for (String text :
        new String[] {
          "2017-04-13T15:51:04.1Z",
          "2017-04-13T15:51:04.12Z",
          "2017-04-13T15:51:04.1234Z",
          "2017-04-13T15:51:04.123456789Z",
          "1900-01-01T00:00:00Z"
        }) {
      assertThat(IsoTexts.utcInstant(text)).as(text).isEqualTo(Instant.parse(text));
    }
  }

  @Test
  void leavesEveryOtherFormToTheFullParser() {
    for (String text :
        new String[] {
          "2017-04-13T15:51:04+02:00", "2017-04-13T15:51:04", "2017-04-13T24:00:00Z",
          "2017-04-13T15:51:60Z", "2017-02-30T15:51:04Z", "2017-04-13T15:51:04.Z",
          "2017-04-13T15:51:04.1234567890Z", "2017-04-13 15:51:04Z", "２017-04-13T15:51:04Z",
          "/Date(1492098664000)/"
        }) {
      assertThat(IsoTexts.utcInstant(text)).as(text).isNull();
    }
    for (String text :
        new String[] {"2017-4-13", "2017-02-29", "2017/04/13", "20170413", "2017-04-1x"}) {
      assertThat(IsoTexts.date(text)).as(text).isNull();
    }
  }
}
