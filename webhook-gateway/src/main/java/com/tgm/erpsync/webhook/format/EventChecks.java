package com.tgm.erpsync.webhook.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The limits every change event must keep, whichever format it came in. */
final class EventChecks {
  /** The most characters an entity name, a key field's name or value, an id or a source has. */
  static final int MAX_TEXT = 512;

  /** The most events one request may carry. */
  static final int MAX_EVENTS = 1_000;

  private EventChecks() {}

  /**
   * A required, non-blank text of at most {@link #MAX_TEXT} characters.
   *
   * @throws MalformedWebhookException naming {@code field} when it is missing, blank or too long
   */
  static String required(String value, String field, String what) throws MalformedWebhookException {
    if (value == null || value.isBlank()) {
      throw new MalformedWebhookException(field, field + " (" + what + ") is missing or empty");
    }
    return bounded(value, field);
  }

  /** An optional text of at most {@link #MAX_TEXT} characters (null stays null). */
  static String bounded(String value, String field) throws MalformedWebhookException {
    if (value != null && value.length() > MAX_TEXT) {
      throw new MalformedWebhookException(
          field, field + " is longer than " + MAX_TEXT + " characters");
    }
    return value;
  }

  /** A required node that must be a string: its text. */
  static String requiredText(JsonNode object, String name, String prefix, String what)
      throws MalformedWebhookException {
    String field = FieldNames.join(prefix, name);
    JsonNode node = object.get(name);
    if (node != null && !node.isNull() && !node.isTextual()) {
      throw new MalformedWebhookException(field, field + " (" + what + ") must be a string");
    }
    return required(node == null ? null : node.textValue(), field, what);
  }

  /** Ensures the event count is within {@link #MAX_EVENTS}. */
  static void count(int events, String field) throws MalformedWebhookException {
    if (events > MAX_EVENTS) {
      throw new MalformedWebhookException(
          field, "a webhook may carry at most " + MAX_EVENTS + " events, this one has " + events);
    }
  }

  /** The text, cut to 64 characters, to quote in a message. */
  static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }

  /** Collects key fields, checking names, values and sizes. */
  static final class KeyBuilder {
    private final Map<String, String> key = new LinkedHashMap<>();

    /**
     * Adds a key field read from {@code node}, which must be a scalar.
     *
     * @param field the path of the node, named when it is at fault
     */
    KeyBuilder put(String name, JsonNode node, String field) throws MalformedWebhookException {
      String value = JsonValues.scalarText(node);
      if (value == null) {
        throw new MalformedWebhookException(
            field,
            field
                + (JsonValues.isAbsent(node) ? " (a key field) is missing" : " must be a scalar"));
      }
      return put(name, value, field);
    }

    /** Adds a key field. */
    KeyBuilder put(String name, String value, String field) throws MalformedWebhookException {
      if (name.isEmpty()) {
        throw new MalformedWebhookException(
            field.isEmpty() ? null : field, "a key field has an empty name");
      }
      if (name.length() > MAX_TEXT) {
        throw new MalformedWebhookException(
            field, field + " names a key field longer than " + MAX_TEXT + " characters");
      }
      bounded(value, field);
      key.put(name, value);
      return this;
    }

    boolean isEmpty() {
      return key.isEmpty();
    }

    Map<String, String> build() {
      return Map.copyOf(key);
    }
  }
}
