package com.tgm.erpsync.mapping.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

/**
 * Points in time. TGM holds ISO instants in UTC, {@code 2017-04-13T15:51:04Z}. A local date-time
 * (no offset) from the ERP is in the format's zone ({@code @Europe/Berlin}), else UTC.
 *
 * <p>Formats: ISO (default; written with Z, or as local date-time in the format's zone when one is
 * named); ODATA_V2, {@code /Date(ms)/} (with a zone named, the milliseconds are that zone's wall
 * clock written as if UTC, as SAP Gateway does for Edm.DateTime; a literal with an offset suffix is
 * always read as UTC milliseconds); EPOCH_MILLIS, a JSON number; or a java.time pattern. Whatever
 * the format, ISO and OData V2 forms are also read.
 *
 * <p>Values are compared at the precision the format keeps (milliseconds for ODATA_V2, seconds for
 * {@code yyyy-MM-dd'T'HH:mm:ss}), so a TGM microsecond the ERP cannot store is no change.
 */
final class DateTimeConverter extends ValueConverter {
  private static final Instant SAMPLE = Instant.parse("2017-04-13T15:51:04Z");
  private static final String EXPECTED_ISO =
      "an ISO-8601 date-time (2017-04-13T15:51:04Z) or an OData V2 date (/Date(1492098664000)/)";

  private final String kind;
  private final DateTimeFormatter pattern;
  private final ZoneId zone;
  private final ChronoUnit precision;
  private final String expected;

  DateTimeConverter(FieldFormat format) {
    this.kind = format.kind;
    this.zone = format.zone;
    switch (format.kind) {
      case FieldFormat.DEFAULT, FieldFormat.ISO -> {
        this.pattern = null;
        this.precision = ChronoUnit.NANOS;
        this.expected =
            zone == null
                ? EXPECTED_ISO
                : "an ISO-8601 date-time (2017-04-13T15:51:04Z, or local time in "
                    + zone
                    + ") or an OData V2 date (/Date(1492098664000)/)";
      }
      case FieldFormat.ODATA_V2 -> {
        this.pattern = null;
        this.precision = ChronoUnit.MILLIS;
        this.expected = "an OData V2 date (/Date(1492098664000)/) or an ISO-8601 date-time";
      }
      case FieldFormat.EPOCH_MILLIS -> {
        this.pattern = null;
        this.precision = ChronoUnit.MILLIS;
        this.expected = "milliseconds since 1970-01-01T00:00:00Z, e.g. 1492098664000";
      }
      case FieldFormat.PATTERN -> {
        this.pattern = compileDateTimePattern(format);
        this.precision = Patterns.precision(format.pattern);
        this.expected =
            "a date-time in the pattern "
                + format.pattern
                + " (e.g. "
                + pattern.format(SAMPLE.atZone(format.zoneOrUtc()))
                + ")";
      }
      default ->
          throw ValueConverter.unusableFormat(
              format,
              "DATETIME",
              "ISO (default), ODATA_V2, EPOCH_MILLIS or a java.time pattern such as"
                  + " yyyy-MM-dd'T'HH:mm:ss, each optionally followed by @ and a time zone");
    }
  }

  private static DateTimeFormatter compileDateTimePattern(FieldFormat format) {
    DateTimeFormatter formatter;
    try {
      formatter = Patterns.compile(format.pattern);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "format "
              + Values.quote(format.pattern)
              + " is not a java.time pattern: "
              + e.getMessage());
    }
    try {
      fromPattern(
          formatter.parse(formatter.format(SAMPLE.atZone(format.zoneOrUtc()))), format.zone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "format "
              + Values.quote(format.pattern)
              + " cannot write and read back a date-time such as 2017-04-13T15:51:04Z: "
              + e.getMessage());
    }
    return formatter;
  }

  @Override
  JsonNode toTgm(JsonNode erpValue) throws ConversionFailure {
    Instant instant = parseErp(erpValue);
    return instant == null ? null : TextNode.valueOf(instant.toString());
  }

  @Override
  JsonNode toErp(JsonNode tgmValue) throws ConversionFailure {
    Instant instant = parseTgm(tgmValue);
    if (instant == null) {
      return null;
    }
    try {
      return switch (kind) {
        case FieldFormat.ODATA_V2 ->
            TextNode.valueOf(
                ODataDates.format(
                    zone == null
                        ? instant.toEpochMilli()
                        : ODataDates.wallClockMillis(LocalDateTime.ofInstant(instant, zone))));
        case FieldFormat.EPOCH_MILLIS -> Values.wholeNumber(instant.toEpochMilli());
        case FieldFormat.PATTERN ->
            TextNode.valueOf(pattern.format(instant.atZone(zone == null ? ZoneOffset.UTC : zone)));
        default ->
            TextNode.valueOf(
                zone == null
                    ? instant.toString()
                    : LocalDateTime.ofInstant(instant, zone)
                        .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
      };
    } catch (DateTimeException | ArithmeticException e) {
      throw ConversionFailure.invalid("cannot be written in this format");
    }
  }

  @Override
  JsonNode normalizeTgm(JsonNode tgmValue) throws ConversionFailure {
    Instant instant = parseTgm(tgmValue);
    return instant == null ? null : TextNode.valueOf(instant.toString());
  }

  @Override
  String canonical(JsonNode tgmValue) throws ConversionFailure {
    Instant instant = parseTgm(tgmValue);
    if (instant == null) {
      return null;
    }
    Instant truncated;
    if (precision == ChronoUnit.NANOS) {
      truncated = instant;
    } else if (precision.compareTo(ChronoUnit.SECONDS) <= 0) {
      // time zones differ from UTC by whole seconds: no zone needed
      truncated = instant.truncatedTo(precision);
    } else {
      truncated =
          instant.atZone(zone == null ? ZoneOffset.UTC : zone).truncatedTo(precision).toInstant();
    }
    // seconds and nanoseconds since the epoch: one text per instant, cheaper than ISO
    return truncated.getNano() == 0
        ? Long.toString(truncated.getEpochSecond())
        : truncated.getEpochSecond() + "." + truncated.getNano();
  }

  @Override
  String expectedErp() {
    return expected;
  }

  @Override
  String expectedTgm() {
    return "an ISO-8601 date-time (2017-04-13T15:51:04Z)";
  }

  private Instant parseErp(JsonNode value) throws ConversionFailure {
    if (value.isNumber() && kind.equals(FieldFormat.EPOCH_MILLIS)) {
      if (!value.isIntegralNumber() || !value.canConvertToLong()) {
        throw ConversionFailure.invalid("is not a whole number of milliseconds");
      }
      return ofEpochMilli(value.longValue());
    }
    if (!value.isTextual()) {
      throw ConversionFailure.invalid("is not a date-time");
    }
    String text = value.textValue().trim();
    if (text.isEmpty()) {
      return null;
    }
    if (pattern != null) {
      try {
        return fromPattern(pattern.parse(text), zone);
      } catch (DateTimeException e) {
        // not in the ERP's preferred form; ISO and OData forms below are unambiguous
      }
    }
    if (kind.equals(FieldFormat.EPOCH_MILLIS) && isDigits(text)) {
      try {
        return ofEpochMilli(Long.parseLong(text));
      } catch (NumberFormatException e) {
        throw ConversionFailure.invalid("is out of range");
      }
    }
    return parseIsoOrOData(text, zone);
  }

  private static Instant parseTgm(JsonNode value) throws ConversionFailure {
    if (!value.isTextual()) {
      throw ConversionFailure.invalid("is not an ISO-8601 date-time");
    }
    String text = value.textValue().trim();
    return text.isEmpty() ? null : parseIsoOrOData(text, null);
  }

  private static Instant parseIsoOrOData(String text, ZoneId zone) throws ConversionFailure {
    if (ODataDates.looksLikeODate(text)) {
      ODataDates.Literal literal = ODataDates.parse(text);
      if (literal == null) {
        throw ConversionFailure.invalid("is not a valid OData V2 date");
      }
      if (literal.offset() != null || zone == null) {
        return ofEpochMilli(literal.epochMillis());
      }
      try {
        return ODataDates.wallClock(literal.epochMillis()).atZone(zone).toInstant();
      } catch (DateTimeException e) {
        throw ConversionFailure.invalid("is out of range");
      }
    }
    Instant utc = IsoTexts.utcInstant(text);
    if (utc != null) {
      return utc;
    }
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay(zone == null ? ZoneOffset.UTC : zone).toInstant();
      }
      return fromPattern(DateTimeFormatter.ISO_DATE_TIME.parse(text), zone);
    } catch (DateTimeException e) {
      throw ConversionFailure.invalid("is not a valid date-time");
    }
  }

  /** The instant of a parsed value: its own offset if it has one, else local time in the zone. */
  private static Instant fromPattern(TemporalAccessor parsed, ZoneId zone) {
    if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
      return Instant.from(parsed);
    }
    ZoneId at = zone == null ? ZoneOffset.UTC : zone;
    if (parsed.isSupported(ChronoField.HOUR_OF_DAY)) {
      return ZonedDateTime.of(LocalDateTime.from(parsed), at).toInstant();
    }
    return LocalDate.from(parsed).atStartOfDay(at).toInstant();
  }

  private static Instant ofEpochMilli(long millis) throws ConversionFailure {
    try {
      return Instant.ofEpochMilli(millis);
    } catch (DateTimeException e) {
      throw ConversionFailure.invalid("is out of range");
    }
  }

  private static boolean isDigits(String text) {
    int start = text.startsWith("-") ? 1 : 0;
    if (start == text.length() || text.length() > 19) {
      return false;
    }
    for (int i = start; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
