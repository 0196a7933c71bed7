package com.tgm.erpsync.mapping.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ODataDatesTest {

  @Test
  void readsTheVectorsOfTheProtocolNotes() {
    assertThat(instant("/Date(1492098664000)/")).isEqualTo("2017-04-13T15:51:04Z");
    assertThat(instant("/Date(-2208988800000)/")).isEqualTo("1900-01-01T00:00:00Z");
  }

  @Test
  void readsAnOffsetSuffixAsInformationOnly() {
    ODataDates.Literal plus = ODataDates.parse("/Date(1492098664000+0200)/");
    assertThat(plus.epochMillis()).isEqualTo(1492098664000L);
    assertThat(plus.offset()).isEqualTo(ZoneOffset.ofHours(2));

    ODataDates.Literal minus = ODataDates.parse("/Date(1492098664000-0530)/");
    assertThat(minus.offset()).isEqualTo(ZoneOffset.ofHoursMinutes(-5, -30));
    assertThat(Instant.ofEpochMilli(minus.epochMillis())).isEqualTo("2017-04-13T15:51:04Z");
  }

  @Test
  void refusesWhatIsNoODataDate() {
    assertThat(ODataDates.parse("/Date()/")).isNull();
    assertThat(ODataDates.parse("/Date(12a)/")).isNull();
    assertThat(ODataDates.parse("/Date(1492098664000+02)/")).isNull();
    assertThat(ODataDates.parse("/Date(1492098664000+0260)/")).isNull();
    assertThat(ODataDates.parse("/Date(1492098664000)")).isNull();
    assertThat(ODataDates.parse("/Date(99999999999999999999)/")).isNull();
  }

  @Test
  void writesMillisecondsBack() {
    assertThat(ODataDates.format(1492098664000L)).isEqualTo("/Date(1492098664000)/");
    assertThat(ODataDates.format(-2208988800000L)).isEqualTo("/Date(-2208988800000)/");
  }

  @Test
  void keepsWallClockTimeBeforeTheEpoch() {
    long millis = -2208988799500L;
    assertThat(ODataDates.wallClockMillis(ODataDates.wallClock(millis))).isEqualTo(millis);
    assertThat(ODataDates.wallClock(millis).toString()).isEqualTo("1900-01-01T00:00:00.500");
  }

  private static String instant(String literal) {
    return Instant.ofEpochMilli(ODataDates.parse(literal).epochMillis()).toString();
  }
}
