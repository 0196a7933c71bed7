package com.tgm.erpsync.sandbox.core.data;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * One comparison of a {@code $filter}: {@code field op value}, the value already typed like the
 * property.
 *
 * @param field property name
 * @param op one of eq, ne, gt, ge, lt, le
 * @param value typed literal
 */
public record Condition(String field, String op, Object value) {

  /** Whether the record satisfies this comparison. */
  public boolean test(Map<String, Object> record) {
    Object actual = record.get(field);
    if (actual == null || value == null) {
      boolean same = actual == value;
      return op.equals("eq") ? same : op.equals("ne") && !same;
    }
    int cmp = compare(actual, value);
    return switch (op) {
      case "eq" -> cmp == 0;
      case "ne" -> cmp != 0;
      case "gt" -> cmp > 0;
      case "ge" -> cmp >= 0;
      case "lt" -> cmp < 0;
      case "le" -> cmp <= 0;
      default -> false;
    };
  }

  /** Compares two typed values; dates and timestamps compare as instants. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object a, Object b) {
    if (isTemporal(a) || isTemporal(b)) {
      return toInstant(a).compareTo(toInstant(b));
    }
    if (a instanceof BigDecimal || b instanceof BigDecimal) {
      return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
    }
    if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
      return ca.compareTo(b);
    }
    return a.toString().compareTo(b.toString());
  }

  private static boolean isTemporal(Object o) {
    return o instanceof Instant || o instanceof LocalDate;
  }

  /** A date or timestamp as an instant (dates at midnight UTC). */
  public static Instant toInstant(Object o) {
    if (o instanceof Instant i) {
      return i;
    }
    if (o instanceof LocalDate d) {
      return d.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    throw new IllegalArgumentException("not a date: " + o);
  }
}
