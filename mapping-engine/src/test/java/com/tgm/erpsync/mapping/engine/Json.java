package com.tgm.erpsync.mapping.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/**
 * JSON comparison for the tests: objects by content, numbers by their JSON text (1 is 1, 7.40 is
 * not 7.4).
 */
final class Json {
  private static final Comparator<JsonNode> NUMBERS_AS_WRITTEN =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.asText().compareTo(b.asText());
        }
        return a.equals(b) ? 0 : 1;
      };

  private Json() {}

  static boolean sameJson(JsonNode actual, JsonNode expected) {
    return actual.equals(NUMBERS_AS_WRITTEN, expected);
  }
}
