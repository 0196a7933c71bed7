package com.tgm.erpsync.orchestrator.tgm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.TgmField;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

/**
 * TGM values between mapping-engine's JSON form and JDBC: STRING and ENUM text, INTEGER and
 * REFERENCE whole numbers, DECIMAL exact numbers, BOOLEAN true/false, DATE {@code 2017-04-13},
 * DATETIME an ISO instant {@code 2017-04-13T15:51:04Z} (an offset or local time, read as UTC, is
 * accepted too), JSON any JSON. A value that does not fit its column is refused, never cut or
 * rounded, so what TGM stores is what the ERP sent.
 */
final class TgmValues {
  /** Reads jsonb exactly: 7.400 stays 7.400, as mapping-engine reads it. */
  static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
          .build();

  private static final int MAX_SHOWN = 100;
  private static final int FIRST_YEAR = 1;
  private static final int LAST_YEAR = 9999;

  /** Beyond this scale a decimal is refused even where a column sets no limit. */
  private static final int MAX_SCALE = 1000;

  private TgmValues() {}

  /**
   * The JDBC value of a field's value (null for JSON null): String, Long, BigDecimal, Boolean,
   * LocalDate, OffsetDateTime, or the JSON text of a JSON field.
   *
   * @throws TgmWriteException VALIDATION_ERROR naming the field when the value is none of its type
   *     or does not fit its column
   */
  static Object toJdbc(
      EntityType entity, TgmField field, TgmSchemaInfo.Column column, JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    return switch (field.fieldType()) {
      case STRING -> text(entity, field, column, value);
      case ENUM -> choice(entity, field, value);
      case INTEGER, REFERENCE -> whole(entity, field, column, value);
      case DECIMAL -> decimal(entity, field, column, value);
      case BOOLEAN -> flag(entity, field, value);
      case DATE -> date(entity, field, value);
      case DATETIME -> dateTime(entity, field, value);
      case JSON -> json(entity, field, value);
    };
  }

  /** The SQL placeholder of a field: JSON text is cast to jsonb by the database. */
  static String placeholder(TgmField field) {
    return switch (field.fieldType()) {
      case JSON -> "CAST(? AS jsonb)";
      default -> "?";
    };
  }

  static void bind(PreparedStatement statement, int index, TgmField field, Object value)
      throws SQLException {
    switch (field.fieldType()) {
      case STRING, ENUM, JSON -> {
        if (value == null) {
          statement.setNull(index, Types.VARCHAR);
        } else {
          statement.setString(index, (String) value);
        }
      }
      case INTEGER, REFERENCE -> {
        if (value == null) {
          statement.setNull(index, Types.BIGINT);
        } else {
          statement.setLong(index, (Long) value);
        }
      }
      case DECIMAL -> statement.setBigDecimal(index, (BigDecimal) value);
      case BOOLEAN -> {
        if (value == null) {
          statement.setNull(index, Types.BOOLEAN);
        } else {
          statement.setBoolean(index, (Boolean) value);
        }
      }
      case DATE -> {
        if (value == null) {
          statement.setNull(index, Types.DATE);
        } else {
          statement.setObject(index, value);
        }
      }
      case DATETIME -> {
        if (value == null) {
          statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
          statement.setObject(index, value);
        }
      }
    }
  }

  /** A column's value in mapping-engine's form, JSON null when the column is null. */
  static JsonNode read(ResultSet row, int index, TgmField field) throws SQLException {
    JsonNode value =
        switch (field.fieldType()) {
          case STRING, ENUM -> {
            String text = row.getString(index);
            yield text == null ? null : TextNode.valueOf(text);
          }
          case INTEGER, REFERENCE -> {
            long number = row.getLong(index);
            yield row.wasNull() ? null : wholeNumber(number);
          }
          case DECIMAL -> {
            BigDecimal decimal = row.getBigDecimal(index);
            yield decimal == null ? null : DecimalNode.valueOf(plain(decimal));
          }
          case BOOLEAN -> {
            boolean flag = row.getBoolean(index);
            yield row.wasNull() ? null : BooleanNode.valueOf(flag);
          }
          case DATE -> {
            LocalDate date = row.getObject(index, LocalDate.class);
            yield date == null ? null : TextNode.valueOf(date.toString());
          }
          case DATETIME -> {
            OffsetDateTime time = row.getObject(index, OffsetDateTime.class);
            yield time == null ? null : TextNode.valueOf(time.toInstant().toString());
          }
          case JSON -> {
            String text = row.getString(index);
            yield text == null ? null : parseStored(text);
          }
        };
    return value == null ? NullNode.getInstance() : value;
  }

  /** An instant as PostgreSQL keeps it (microseconds), bound as timestamptz. */
  static OffsetDateTime timestamp(Instant instant) {
    return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  /** The value as JSON text for a message, cut short when long. */
  static String describe(JsonNode value) {
    String text = value == null ? "null" : value.toString();
    return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "…";
  }

  private static String text(
      EntityType entity, TgmField field, TgmSchemaInfo.Column column, JsonNode value) {
    String text;
    if (value.isTextual()) {
      text = value.textValue();
    } else if (value.isNumber()) {
      text = value.isIntegralNumber() ? value.asText() : value.decimalValue().toPlainString();
    } else if (value.isBoolean()) {
      text = value.asText();
    } else {
      throw refused(entity, field, value, "is not a text value");
    }
    if (text.indexOf('\0') >= 0) {
      throw refused(entity, field, value, "contains a NUL character, which TGM cannot store");
    }
    Integer max = column.maxLength();
    if (max != null) {
      int length = text.codePointCount(0, text.length());
      if (length > max) {
        throw refused(
            entity,
            field,
            value,
            "is " + length + " characters long; TGM keeps at most " + max + " for this field");
      }
    }
    return text;
  }

  private static String choice(EntityType entity, TgmField field, JsonNode value) {
    if (!value.isTextual() || !field.enumValues().contains(value.textValue())) {
      throw refused(entity, field, value, "is not one of " + String.join(", ", field.enumValues()));
    }
    return value.textValue();
  }

  private static Long whole(
      EntityType entity, TgmField field, TgmSchemaInfo.Column column, JsonNode value) {
    BigDecimal number = null;
    try {
      if (value.isNumber()) {
        number = value.decimalValue();
      } else if (value.isTextual() && !value.textValue().isBlank()) {
        number = new BigDecimal(value.textValue().trim());
      }
    } catch (NumberFormatException e) {
      number = null;
    }
    if (number == null || number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
      throw refused(
          entity,
          field,
          value,
          field.references() == null
              ? "is not a whole number"
              : "is not the id of a TGM " + field.references() + " record");
    }
    boolean small = "integer".equals(column.dataType());
    long min = small ? Integer.MIN_VALUE : Long.MIN_VALUE;
    long max = small ? Integer.MAX_VALUE : Long.MAX_VALUE;
    // compared as decimals first: 1E+999999999 must not be expanded into a billion digits
    if (number.compareTo(BigDecimal.valueOf(min)) < 0
        || number.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw refused(entity, field, value, "is out of range (" + min + " to " + max + ")");
    }
    return number.longValue();
  }

  private static BigDecimal decimal(
      EntityType entity, TgmField field, TgmSchemaInfo.Column column, JsonNode value) {
    BigDecimal decimal = null;
    try {
      if (value.isNumber()) {
        decimal = value.decimalValue();
      } else if (value.isTextual() && !value.textValue().isBlank()) {
        decimal = new BigDecimal(value.textValue().trim());
      }
    } catch (NumberFormatException e) {
      decimal = null;
    }
    if (decimal == null) {
      throw refused(entity, field, value, "is not a decimal number");
    }
    BigDecimal stripped = decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
    long places = Math.max(0, stripped.scale());
    long integerDigits = (long) stripped.precision() - stripped.scale();
    int scale = column.scale() == null ? MAX_SCALE : column.scale();
    int precision = column.precision() == null ? 2 * MAX_SCALE : column.precision();
    if (places > scale) {
      throw refused(
          entity,
          field,
          value,
          "has "
              + places
              + " decimal places; TGM keeps "
              + scale
              + " for this field and does not round");
    }
    if (integerDigits > precision - scale) {
      throw refused(
          entity,
          field,
          value,
          "is too large; TGM keeps at most "
              + (precision - scale)
              + " digits before the decimal point for this field");
    }
    return plain(stripped);
  }

  private static Boolean flag(EntityType entity, TgmField field, JsonNode value) {
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual() && "true".equalsIgnoreCase(value.textValue().trim())) {
      return true;
    }
    if (value.isTextual() && "false".equalsIgnoreCase(value.textValue().trim())) {
      return false;
    }
    throw refused(entity, field, value, "is not true or false");
  }

  private static LocalDate date(EntityType entity, TgmField field, JsonNode value) {
    LocalDate date = null;
    if (value.isTextual()) {
      try {
        date = LocalDate.parse(value.textValue().trim());
      } catch (DateTimeException e) {
        date = null;
      }
    }
    if (date == null) {
      throw refused(entity, field, value, "is not an ISO-8601 date (2017-04-13)");
    }
    if (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
      throw refused(entity, field, value, "is outside the years 1 to 9999");
    }
    return date;
  }

  private static OffsetDateTime dateTime(EntityType entity, TgmField field, JsonNode value) {
    Instant instant = value.isTextual() ? parseInstant(value.textValue().trim()) : null;
    if (instant == null) {
      throw refused(entity, field, value, "is not an ISO-8601 date-time (2017-04-13T15:51:04Z)");
    }
    OffsetDateTime time = timestamp(instant);
    if (time.getYear() < FIRST_YEAR || time.getYear() > LAST_YEAR) {
      throw refused(entity, field, value, "is outside the years 1 to 9999");
    }
    return time;
  }

  /** An instant from ISO text with Z or an offset; a local date-time or a date counts as UTC. */
  private static Instant parseInstant(String text) {
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text);
      return parsed.isSupported(ChronoField.INSTANT_SECONDS)
          ? Instant.from(parsed)
          : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static String json(EntityType entity, TgmField field, JsonNode value) {
    JsonNode json = value;
    if (value.isTextual()) {
      // change capture and some callers hand jsonb over as its text, as mapping-engine allows
      String text = value.textValue().trim();
      if (text.startsWith("{") || text.startsWith("[")) {
        try {
          json = JSON.readTree(text);
        } catch (JsonProcessingException e) {
          throw refused(entity, field, value, "is not valid JSON");
        }
      }
    }
    String text;
    try {
      text = JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw refused(entity, field, value, "cannot be written as JSON");
    }
    if (text.contains("\\u0000")) {
      throw refused(entity, field, value, "contains a NUL character, which TGM cannot store");
    }
    return text;
  }

  private static JsonNode parseStored(String text) throws SQLException {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new SQLException("jsonb column holds no JSON", e);
    }
  }

  /** Whole numbers as a JSON parser makes them (IntNode when the value fits), as mapping does. */
  private static JsonNode wholeNumber(long value) {
    return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
  }

  /** Without trailing zeros but never in exponent form: 1250.0000 is 1250, 7.400 is 7.4. */
  private static BigDecimal plain(BigDecimal decimal) {
    BigDecimal stripped = decimal.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  private static TgmWriteException refused(
      EntityType entity, TgmField field, JsonNode value, String problem) {
    return TgmWriteException.invalid(
        entity, field.name(), field.name() + " " + describe(value) + " " + problem);
  }
}
