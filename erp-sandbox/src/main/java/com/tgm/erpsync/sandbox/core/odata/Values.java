package com.tgm.erpsync.sandbox.core.odata;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.sandbox.core.data.FieldType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Conversion of property values between Java and the V2/V4 JSON and URL literal formats. */
public final class Values {

  private static final Pattern JSON_DATE = Pattern.compile("^/Date\\((-?\\d+)([+-]\\d{4})?\\)/$");

  private Values() {}

  /** The JSON representation of a value in the given flavor. */
  public static Object toJson(Flavor flavor, FieldType type, Object value) {
    if (value == null) {
      return null;
    }
    return switch (type) {
      case DECIMAL ->
          flavor == Flavor.V2 ? ((BigDecimal) value).toPlainString() : (BigDecimal) value;
      case DATE -> {
        LocalDate d = (LocalDate) value;
        yield flavor == Flavor.V2
            ? "/Date(" + d.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() + ")/"
            : d.toString();
      }
      case TIMESTAMP -> {
        Instant i = (Instant) value;
        yield flavor == Flavor.V2 ? "/Date(" + i.toEpochMilli() + "+0000)/" : i.toString();
      }
      default -> value;
    };
  }

  /** Parses a JSON property value sent by a client; accepts both V2 and V4 notations. */
  public static Object fromJson(FieldType type, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return switch (type) {
      case STRING -> node.asText();
      case BOOLEAN -> node.asBoolean();
      case DECIMAL -> new BigDecimal(node.asText());
      case DATE -> LocalDate.ofInstant(parseInstant(node.asText()), ZoneOffset.UTC);
      case TIMESTAMP -> parseInstant(node.asText());
    };
  }

  /**
   * Parses a URL literal ({@code 'text'}, {@code datetime'…'}, {@code datetimeoffset'…'}, plain ISO
   * dates and timestamps, numbers, booleans) into the Java type of the property.
   */
  public static Object fromLiteral(FieldType type, String literal) {
    String s = literal.trim();
    if (s.equals("null")) {
      return null;
    }
    String inner = s;
    if (s.startsWith("datetimeoffset'") || s.startsWith("datetime'")) {
      inner = s.substring(s.indexOf('\'') + 1, s.length() - 1);
    } else if (s.startsWith("'") && s.endsWith("'") && s.length() >= 2) {
      inner = s.substring(1, s.length() - 1).replace("''", "'");
    }
    return switch (type) {
      case STRING -> inner;
      case BOOLEAN -> Boolean.parseBoolean(inner);
      case DECIMAL -> new BigDecimal(inner.replaceAll("[mMdDfF]$", ""));
      case DATE -> LocalDate.ofInstant(parseInstant(inner), ZoneOffset.UTC);
      case TIMESTAMP -> parseInstant(inner);
    };
  }

  /** The key-predicate literal of a key value. */
  public static String toLiteral(Flavor flavor, FieldType type, Object value) {
    if (type == FieldType.DATE) {
      LocalDate d = (LocalDate) value;
      return flavor == Flavor.V2 ? "datetime'" + d + "T00:00:00'" : d.toString();
    }
    if (type == FieldType.TIMESTAMP) {
      return flavor == Flavor.V2 ? "datetimeoffset'" + value + "'" : value.toString();
    }
    if (type == FieldType.DECIMAL || type == FieldType.BOOLEAN) {
      return value.toString();
    }
    return "'" + value.toString().replace("'", "''") + "'";
  }

  /** Parses {@code /Date(ms[+hhmm])/}, ISO timestamps with or without offset, and ISO dates. */
  public static Instant parseInstant(String text) {
    Matcher m = JSON_DATE.matcher(text);
    if (m.matches()) {
      return Instant.ofEpochMilli(Long.parseLong(m.group(1)));
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
    }
  }
}
