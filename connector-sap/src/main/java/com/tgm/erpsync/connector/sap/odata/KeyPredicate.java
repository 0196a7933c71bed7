package com.tgm.erpsync.connector.sap.odata;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OData key predicate, {@code
 * Equipment(Equipment='10000000',ValidityEndDate=datetime'9999-12-31T00:00:00')}: written from
 * plain key values with each field's literal kind, and read back from an entity's canonical URI.
 * Key values travel through the platform as plain text ({@code 10000000}, {@code
 * 9999-12-31T00:00:00}); only this class knows the quoting.
 */
public final class KeyPredicate {
  /** How a key field's value is written as a literal. */
  public enum Kind {
    STRING,
    DATETIME,
    GUID,
    NUMBER
  }

  private KeyPredicate() {}

  /**
   * {@code (A='x',B=datetime'…')}; a single field without its name, as OData allows and SAP writes.
   */
  public static String format(
      ODataVersion version, Map<String, String> key, Map<String, Kind> kinds) {
    StringBuilder out = new StringBuilder("(");
    boolean single = key.size() == 1;
    for (Map.Entry<String, String> field : key.entrySet()) {
      if (out.length() > 1) {
        out.append(',');
      }
      if (!single) {
        out.append(field.getKey()).append('=');
      }
      out.append(
          literal(version, field.getValue(), kinds.getOrDefault(field.getKey(), Kind.STRING)));
    }
    return out.append(')').toString();
  }

  /**
   * One value as a literal: strings quoted with ' doubled, dates typed as the version writes them.
   */
  public static String literal(ODataVersion version, String value, Kind kind) {
    return switch (kind) {
      case STRING -> "'" + value.replace("'", "''") + "'";
      case NUMBER -> value;
      case DATETIME -> version == ODataVersion.V2 ? "datetime'" + value + "'" : value;
      case GUID -> version == ODataVersion.V2 ? "guid'" + value + "'" : value;
    };
  }

  /**
   * The key of an entity URI's last segment, e.g. {@code
   * …/Equipment(Equipment='1',ValidityEndDate=datetime'9999-12-31T00:00:00')} → {Equipment=1,
   * ValidityEndDate=9999-12-31T00:00:00}, with each field's kind in {@code kinds}. A single unnamed
   * value is given the name {@code singleKeyField}. Null when the URI has no key.
   */
  public static Map<String, String> parse(
      String uri, String singleKeyField, Map<String, Kind> kindsOut) {
    if (uri == null) {
      return null;
    }
    String decoded = URLDecoder.decode(uri.replace("+", "%2B"), StandardCharsets.UTF_8);
    int close = decoded.lastIndexOf(')');
    int open = matchingOpen(decoded, close);
    if (open < 0) {
      return null;
    }
    String inside = decoded.substring(open + 1, close);
    Map<String, String> key = new LinkedHashMap<>();
    for (String part : split(inside)) {
      int equals = assignment(part);
      String name = equals < 0 ? singleKeyField : part.substring(0, equals).trim();
      String literal = equals < 0 ? part.trim() : part.substring(equals + 1).trim();
      if (name == null) {
        return null;
      }
      Kind kind = kindOf(literal);
      kindsOut.put(name, kind);
      key.put(name, unquote(literal, kind));
    }
    return key.isEmpty() ? null : key;
  }

  private static int matchingOpen(String text, int close) {
    if (close < 0) {
      return -1;
    }
    boolean quoted = false;
    for (int i = close - 1; i >= 0; i--) {
      char c = text.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (c == '(' && !quoted) {
        return i;
      }
    }
    return -1;
  }

  /** Splits at commas outside quotes. */
  private static List<String> split(String inside) {
    List<String> parts = new java.util.ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < inside.length(); i++) {
      char c = inside.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      }
      if (c == ',' && !quoted) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    if (!current.isEmpty()) {
      parts.add(current.toString());
    }
    return parts;
  }

  private static int assignment(String part) {
    int quote = part.indexOf('\'');
    int equals = part.indexOf('=');
    return equals >= 0 && (quote < 0 || equals < quote) ? equals : -1;
  }

  private static Kind kindOf(String literal) {
    if (literal.startsWith("'")) {
      return Kind.STRING;
    }
    if (literal.startsWith("datetime'") || literal.startsWith("datetimeoffset'")) {
      return Kind.DATETIME;
    }
    if (literal.startsWith("guid'")) {
      return Kind.GUID;
    }
    if (literal.matches("\\d{4}-\\d{2}-\\d{2}.*")) {
      return Kind.DATETIME;
    }
    return Kind.NUMBER;
  }

  private static String unquote(String literal, Kind kind) {
    int quote = literal.indexOf('\'');
    if (quote < 0 || kind == Kind.NUMBER) {
      return literal;
    }
    return literal.substring(quote + 1, literal.length() - 1).replace("''", "'");
  }
}
