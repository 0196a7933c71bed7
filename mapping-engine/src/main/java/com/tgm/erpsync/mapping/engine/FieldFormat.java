package com.tgm.erpsync.mapping.engine;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;

/**
 * A field mapping's {@code format}: a keyword (ISO, ODATA_V2, EPOCH_MILLIS, NUMBER, STRING,
 * BOOLEAN, SAP, YES_NO) or a java.time pattern, optionally followed by {@code @} and a time zone
 * that local date-times of the ERP are in, e.g. {@code yyyy-MM-dd'T'HH:mm:ss@Europe/Berlin}.
 */
final class FieldFormat {
  static final String DEFAULT = "DEFAULT";
  static final String ISO = "ISO";
  static final String ODATA_V2 = "ODATA_V2";
  static final String EPOCH_MILLIS = "EPOCH_MILLIS";
  static final String NUMBER = "NUMBER";
  static final String STRING = "STRING";
  static final String BOOLEAN = "BOOLEAN";
  static final String SAP = "SAP";
  static final String YES_NO = "YES_NO";
  static final String PATTERN = "PATTERN";

  private static final Set<String> KEYWORDS =
      Set.of(ISO, ODATA_V2, EPOCH_MILLIS, NUMBER, STRING, BOOLEAN, SAP, YES_NO);

  final String raw;

  /** One of the keywords, {@link #DEFAULT} when no format is set, or {@link #PATTERN}. */
  final String kind;

  final String pattern;

  /** The zone named after {@code @}, or null. */
  final ZoneId zone;

  private FieldFormat(String raw, String kind, String pattern, ZoneId zone) {
    this.raw = raw;
    this.kind = kind;
    this.pattern = pattern;
    this.zone = zone;
  }

  /**
   * @throws IllegalArgumentException with a message for the mapping author when the zone is unknown
   */
  static FieldFormat parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return new FieldFormat(raw, DEFAULT, null, null);
    }
    String base = raw.trim();
    ZoneId zone = null;
    int at = base.lastIndexOf('@');
    if (at >= 0) {
      String zoneName = base.substring(at + 1).trim();
      base = base.substring(0, at).trim();
      try {
        zone = ZoneId.of(zoneName);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("unknown time zone \"" + zoneName + "\"");
      }
    }
    if (base.isEmpty()) {
      return new FieldFormat(raw, DEFAULT, null, zone);
    }
    String upper = base.toUpperCase(Locale.ROOT);
    if (KEYWORDS.contains(upper)) {
      return new FieldFormat(raw, upper, null, zone);
    }
    return new FieldFormat(raw, PATTERN, base, zone);
  }

  boolean is(String keyword) {
    return kind.equals(keyword);
  }

  boolean isDefaultOr(String... keywords) {
    if (kind.equals(DEFAULT)) {
      return true;
    }
    for (String keyword : keywords) {
      if (kind.equals(keyword)) {
        return true;
      }
    }
    return false;
  }

  ZoneId zoneOrUtc() {
    return zone == null ? ZoneOffset.UTC : zone;
  }
}
