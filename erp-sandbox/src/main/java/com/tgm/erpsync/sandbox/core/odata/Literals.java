package com.tgm.erpsync.sandbox.core.odata;

import com.tgm.erpsync.sandbox.core.data.Condition;
import com.tgm.erpsync.sandbox.core.data.EntitySetDefinition;
import com.tgm.erpsync.sandbox.core.data.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of {@code $filter} expressions and key predicates. */
public final class Literals {

  private static final Pattern COMPARISON =
      Pattern.compile("^([A-Za-z_]\\w*)\\s+(eq|ne|gt|ge|lt|le)\\s+(.+)$");

  private Literals() {}

  /**
   * Parses a filter of comparisons joined by {@code and}; other operators and functions are refused
   * with 400, as a service without them would.
   */
  public static List<Condition> parseFilter(String filter, EntitySetDefinition def) {
    List<Condition> conditions = new ArrayList<>();
    if (filter == null || filter.isBlank()) {
      return conditions;
    }
    for (String clause : splitOutsideQuotes(filter, " and ")) {
      String c = stripParens(clause.trim());
      Matcher m = COMPARISON.matcher(c);
      if (!m.matches()) {
        throw new ODataException(
            400, "/IWBEP/CM_MGW_RT/004", "Invalid filter expression: '" + filter + "'");
      }
      FieldType type = def.type(m.group(1));
      if (type == null) {
        throw new ODataException(
            400, "/IWBEP/CM_MGW_RT/021", "Property '" + m.group(1) + "' not found");
      }
      conditions.add(
          new Condition(m.group(1), m.group(2), Values.fromLiteral(type, m.group(3).trim())));
    }
    return conditions;
  }

  /** Parses the inside of a key predicate into the entity's canonical key. */
  public static String canonicalKey(String predicate, EntitySetDefinition def) {
    Map<String, Object> values = new LinkedHashMap<>();
    List<String> parts = splitOutsideQuotes(predicate, ",");
    for (String part : parts) {
      int eq = indexOutsideQuotes(part, '=');
      String name;
      String literal;
      if (eq < 0) {
        if (def.keyFields().size() != 1) {
          throw badKey(predicate);
        }
        name = def.keyFields().get(0);
        literal = part;
      } else {
        name = part.substring(0, eq).trim();
        literal = part.substring(eq + 1);
      }
      if (!def.keyFields().contains(name)) {
        throw badKey(predicate);
      }
      values.put(name, Values.fromLiteral(def.type(name), literal));
    }
    if (values.size() != def.keyFields().size()) {
      throw badKey(predicate);
    }
    return def.canonicalKey(values);
  }

  private static ODataException badKey(String predicate) {
    return new ODataException(
        400, "/IWBEP/CM_MGW_RT/016", "Invalid key predicate '(" + predicate + ")'");
  }

  private static String stripParens(String s) {
    String t = s;
    while (t.startsWith("(") && t.endsWith(")")) {
      t = t.substring(1, t.length() - 1).trim();
    }
    return t;
  }

  private static int indexOutsideQuotes(String s, char c) {
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\'') {
        quoted = !quoted;
      } else if (ch == c && !quoted) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> splitOutsideQuotes(String s, String separator) {
    List<String> out = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    String lower = s.toLowerCase();
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\'') {
        quoted = !quoted;
      } else if (!quoted && lower.startsWith(separator, i)) {
        out.add(s.substring(start, i));
        start = i + separator.length();
        i = start - 1;
      }
    }
    out.add(s.substring(start));
    return out;
  }
}
