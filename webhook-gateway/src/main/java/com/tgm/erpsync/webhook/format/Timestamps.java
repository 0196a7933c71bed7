package com.tgm.erpsync.webhook.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the points in time ERPs put in webhooks: RFC 3339 / ISO-8601 with an offset, Microsoft's
 * JSON date {@code /Date(1624373620000)/} (its optional {@code +hhmm} offset is informational, the
 * milliseconds are UTC) and epoch milliseconds.
 */
final class Timestamps {
  private static final Pattern MICROSOFT_DATE =
      Pattern.compile("/Date\\((-?\\d{1,18})([+-]\\d{4})?\\)/");

  private Timestamps() {}

  /**
   * The instant of a node, null when the node is absent or null.
   *
   * @throws MalformedWebhookException naming {@code field} when the node holds no point in time
   */
  static Instant read(JsonNode node, String field) throws MalformedWebhookException {
    if (JsonValues.isAbsent(node)) {
      return null;
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return Instant.ofEpochMilli(node.longValue());
    }
    if (node.isTextual()) {
      Instant instant = parse(node.textValue());
      if (instant != null) {
        return instant;
      }
    }
    throw new MalformedWebhookException(
        field,
        field
            + " is not a point in time (expected ISO-8601 with an offset, /Date(ms)/ or epoch"
            + " milliseconds)");
  }

  /** The instant of a text, or null when it is neither ISO-8601 with an offset nor /Date(ms)/. */
  static Instant parse(String text) {
    Matcher microsoft = MICROSOFT_DATE.matcher(text);
    if (microsoft.matches()) {
      return Instant.ofEpochMilli(Long.parseLong(microsoft.group(1)));
    }
    return parseRfc3339(text);
  }

  /** The instant of an RFC 3339 timestamp, or null when the text is none. */
  static Instant parseRfc3339(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }
}
