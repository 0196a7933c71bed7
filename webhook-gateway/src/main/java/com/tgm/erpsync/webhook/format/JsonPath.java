package com.tgm.erpsync.webhook.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A path into a JSON body such as {@code $.record.fields.id} or {@code data[0].id}: field names
 * separated by dots, array indexes in brackets, an optional leading {@code $}. Parsed once, then
 * looked up in any number of bodies.
 */
public final class JsonPath {
  /** The path to the node itself. */
  public static final JsonPath ROOT = new JsonPath(List.of());

  private static final int MAX_INDEX_DIGITS = 9;

  private final List<Object> steps;

  private JsonPath(List<Object> steps) {
    this.steps = List.copyOf(steps);
  }

  /**
   * Reads a path.
   *
   * @throws IllegalArgumentException when the text is not a path
   */
  public static JsonPath parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a path must not be empty");
    }
    String rest = text.strip();
    int pos = 0;
    if (rest.startsWith("$")) {
      pos = 1;
      if (pos < rest.length() && rest.charAt(pos) == '.') {
        pos++;
        requireName(rest, pos);
      } else if (pos < rest.length() && rest.charAt(pos) != '[') {
        throw new IllegalArgumentException("'" + text + "' must go on with '.' or '[' after '$'");
      }
    }
    List<Object> steps = new ArrayList<>();
    while (pos < rest.length()) {
      char c = rest.charAt(pos);
      if (c == '[') {
        int close = rest.indexOf(']', pos);
        if (close < 0) {
          throw new IllegalArgumentException("'" + text + "' has an unclosed '['");
        }
        steps.add(index(text, rest.substring(pos + 1, close)));
        pos = close + 1;
        if (pos < rest.length() && rest.charAt(pos) == '.') {
          pos++;
          requireName(rest, pos);
        } else if (pos < rest.length() && rest.charAt(pos) != '[') {
          throw new IllegalArgumentException("'" + text + "' must go on with '.' or '[' after ']'");
        }
      } else {
        int end = pos;
        while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '[') {
          char n = rest.charAt(end);
          if (n == ']' || n == '\'' || n == '"' || Character.isWhitespace(n)) {
            throw new IllegalArgumentException("'" + text + "' has an unexpected '" + n + "'");
          }
          end++;
        }
        if (end == pos) {
          throw new IllegalArgumentException("'" + text + "' has an empty field name");
        }
        steps.add(rest.substring(pos, end));
        pos = end;
        if (pos < rest.length() && rest.charAt(pos) == '.') {
          pos++;
          requireName(rest, pos);
        }
      }
    }
    return new JsonPath(steps);
  }

  private static void requireName(String text, int pos) {
    if (pos >= text.length() || text.charAt(pos) == '.' || text.charAt(pos) == '[') {
      throw new IllegalArgumentException("'" + text + "' has an empty field name");
    }
  }

  private static Integer index(String text, String digits) {
    if (digits.isEmpty()
        || digits.length() > MAX_INDEX_DIGITS
        || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      throw new IllegalArgumentException(
          "'" + text + "' has an array index that is not a number: [" + digits + "]");
    }
    return Integer.valueOf(digits);
  }

  /**
   * The node at this path, or null when the body has nothing there (a JSON null found there is
   * returned as a null node).
   */
  public JsonNode find(JsonNode node) {
    JsonNode current = node;
    for (Object step : steps) {
      if (current == null) {
        return null;
      }
      if (step instanceof Integer index) {
        current = current.isArray() ? current.get(index) : null;
      } else {
        current = current.isObject() ? current.get((String) step) : null;
      }
    }
    return current == null || current.isMissingNode() ? null : current;
  }

  /** Whether this is the path to the node itself. */
  public boolean isRoot() {
    return steps.isEmpty();
  }

  /** This path as a field reference below {@code prefix} (a path text, empty for the body). */
  public String under(String prefix) {
    return FieldNames.join(prefix, toString());
  }

  /** The path in its plain form, without a leading {@code $.}: {@code record.fields.id}. */
  @Override
  public String toString() {
    if (steps.isEmpty()) {
      return "$";
    }
    StringBuilder text = new StringBuilder();
    for (Object step : steps) {
      if (step instanceof Integer index) {
        text.append('[').append(index).append(']');
      } else {
        if (!text.isEmpty()) {
          text.append('.');
        }
        text.append(step);
      }
    }
    return text.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JsonPath path && path.steps.equals(steps);
  }

  @Override
  public int hashCode() {
    return steps.hashCode();
  }
}
