package com.tgm.erpsync.mapping.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Dates without time. TGM holds ISO text {@code 2017-04-13}. Read from the ERP in the format's form
 * and, whatever the format, also from ISO dates, ISO date-times (their local date; with a zone
 * after {@code @}, the date in that zone) and OData V2 {@code /Date(ms)/} (the UTC date, or the
 * date at the literal's offset). Written as ISO (default), ODATA_V2 ({@code /Date(ms)/} of UTC
 * midnight) or the format's java.time pattern, e.g. {@code dd/MM/yyyy}.
 */
final class DateConverter extends ValueConverter {
  private static final LocalDate SAMPLE = LocalDate.of(2017, 4, 13);
  private static final String EXPECTED_ISO =
      "an ISO-8601 date (2017-04-13), an ISO-8601 date-time or an OData V2 date"
          + " (/Date(1492041600000)/)";
  private static final String EXPECTED_ODATA =
      "an OData V2 date (/Date(1492041600000)/) or an ISO-8601 date (2017-04-13)";

  private final boolean odata;
  private final DateTimeFormatter pattern;
  private final ZoneId zone;
  private final String expected;

  DateConverter(FieldFormat format) {
    this.zone = format.zone;
    this.odata = format.is(FieldFormat.ODATA_V2);
    if (format.is(FieldFormat.PATTERN)) {
      this.pattern = compileDatePattern(format.pattern);
      this.expected =
          "a date in the pattern " + format.pattern + " (e.g. " + pattern.format(SAMPLE) + ")";
    } else if (format.isDefaultOr(FieldFormat.ISO, FieldFormat.ODATA_V2)) {
      this.pattern = null;
      this.expected = odata ? EXPECTED_ODATA : EXPECTED_ISO;
    } else {
      throw ValueConverter.unusableFormat(
          format, "DATE", "ISO (default), ODATA_V2 or a java.time pattern such as dd/MM/yyyy");
    }
  }

  private static DateTimeFormatter compileDatePattern(String text) {
    DateTimeFormatter formatter;
    try {
      formatter = Patterns.compile(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "format " + Values.quote(text) + " is not a java.time pattern: " + e.getMessage());
    }
    try {
      if (!LocalDate.from(formatter.parse(formatter.format(SAMPLE))).equals(SAMPLE)) {
        throw new DateTimeException("does not read back what it writes");
      }
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "format "
              + Values.quote(text)
              + " cannot write and read back a date such as 2017-04-13: "
              + e.getMessage());
    }
    return formatter;
  }

  @Override
  JsonNode toTgm(JsonNode erpValue) throws ConversionFailure {
    LocalDate date = parse(erpValue, pattern, zone);
    return date == null ? null : TextNode.valueOf(date.toString());
  }

  @Override
  JsonNode toErp(JsonNode tgmValue) throws ConversionFailure {
    LocalDate date = parse(tgmValue, null, null);
    if (date == null) {
      return null;
    }
    if (pattern != null) {
      return TextNode.valueOf(pattern.format(date));
    }
    if (odata) {
      return TextNode.valueOf(
          ODataDates.format(date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()));
    }
    return TextNode.valueOf(date.toString());
  }

  @Override
  JsonNode normalizeTgm(JsonNode tgmValue) throws ConversionFailure {
    LocalDate date = parse(tgmValue, null, null);
    return date == null ? null : TextNode.valueOf(date.toString());
  }

  @Override
  String canonical(JsonNode tgmValue) throws ConversionFailure {
    if (tgmValue.isTextual() && IsoTexts.date(tgmValue.textValue()) != null) {
      return tgmValue.textValue();
    }
    LocalDate date = parse(tgmValue, null, null);
    return date == null ? null : date.toString();
  }

  @Override
  String expectedErp() {
    return expected;
  }

  @Override
  String expectedTgm() {
    return "an ISO-8601 date (2017-04-13)";
  }

  private static LocalDate parse(JsonNode value, DateTimeFormatter pattern, ZoneId zone)
      throws ConversionFailure {
    if (!value.isTextual()) {
      throw ConversionFailure.invalid("is not a date");
    }
    String text = value.textValue().trim();
    if (text.isEmpty()) {
      return null;
    }
    if (pattern != null) {
      try {
        return LocalDate.from(pattern.parse(text));
      } catch (DateTimeException e) {
        // not in the ERP's preferred form; ISO and OData forms below are unambiguous
      }
    }
    if (ODataDates.looksLikeODate(text)) {
      ODataDates.Literal literal = ODataDates.parse(text);
      if (literal == null) {
        throw ConversionFailure.invalid("is not a valid OData V2 date");
      }
      try {
        return literal.offset() == null
            ? ODataDates.wallClock(literal.epochMillis()).toLocalDate()
            : Instant.ofEpochMilli(literal.epochMillis()).atOffset(literal.offset()).toLocalDate();
      } catch (DateTimeException e) {
        throw ConversionFailure.invalid("is out of range");
      }
    }
    LocalDate iso = IsoTexts.date(text);
    if (iso != null) {
      return iso;
    }
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text);
      }
      TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text);
      if (zone != null && parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
        return Instant.from(parsed).atZone(zone).toLocalDate();
      }
      return LocalDate.from(parsed);
    } catch (DateTimeException e) {
      throw ConversionFailure.invalid("is not a valid date");
    }
  }
}
