package com.tgm.erpsync.webhook.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.contracts.change.ErpChangeType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Business Central webhook notifications: {@code {"value":[{"subscriptionId", "clientState",
 * "resource", "changeType", "lastModifiedDateTime", ...}]}}, one event per notification; the entity
 * and key come from the resource URL.
 */
final class BusinessCentralFormat {
  private static final Pattern SEGMENT =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\((.*)\\))?", Pattern.DOTALL);

  private BusinessCentralFormat() {}

  /** Whether the body looks like a notification batch (an empty one included). */
  static boolean matches(JsonNode body) {
    if (!body.isObject() || !body.path("value").isArray()) {
      return false;
    }
    JsonNode value = body.get("value");
    if (value.isEmpty()) {
      return true;
    }
    for (JsonNode element : value) {
      if (element.isObject() && element.has("subscriptionId")) {
        return true;
      }
    }
    return false;
  }

  /** The events, and every notification's clientState ("" where it is missing). */
  static ParsedWebhook read(JsonNode body) throws MalformedWebhookException {
    JsonNode value = body.get("value");
    EventChecks.count(value.size(), "value");
    List<ChangeEvent> events = new ArrayList<>(value.size());
    List<String> secrets = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      String prefix = FieldNames.element("value", i);
      JsonNode notification = value.get(i);
      if (!notification.isObject()) {
        throw new MalformedWebhookException(prefix, prefix + " must be a notification object");
      }
      JsonNode clientState = notification.get("clientState");
      secrets.add(clientState != null && clientState.isTextual() ? clientState.textValue() : "");
      events.add(event(notification, prefix));
    }
    return new ParsedWebhook("business-central", events, secrets);
  }

  private static ChangeEvent event(JsonNode notification, String prefix)
      throws MalformedWebhookException {
    String subscriptionId =
        EventChecks.requiredText(notification, "subscriptionId", prefix, "the subscription");
    String resource = requiredString(notification, "resource", prefix);
    String changeTypeText = requiredString(notification, "changeType", prefix);
    String changeTypeField = FieldNames.join(prefix, "changeType");
    ErpChangeType changeType =
        switch (changeTypeText.toLowerCase(Locale.ROOT)) {
          case "created" -> ErpChangeType.CREATED;
          case "updated" -> ErpChangeType.UPDATED;
          case "deleted" -> ErpChangeType.DELETED;
          case "collection" -> ErpChangeType.COLLECTION;
          default ->
              throw new MalformedWebhookException(
                  changeTypeField,
                  changeTypeField
                      + " '"
                      + EventChecks.abbreviate(changeTypeText)
                      + "' is not created, updated, deleted or collection");
        };
    String timeField = FieldNames.join(prefix, "lastModifiedDateTime");
    JsonNode time = notification.get("lastModifiedDateTime");
    Instant occurredAt = Timestamps.read(time, timeField);
    Resource parsed = Resource.parse(resource, FieldNames.join(prefix, "resource"));
    if ((changeType == ErpChangeType.COLLECTION) == (parsed.id() != null)) {
      String field = FieldNames.join(prefix, "resource");
      throw new MalformedWebhookException(
          field,
          changeType == ErpChangeType.COLLECTION
              ? field + " of a collection notification must name an entity set, not one record"
              : field + " must name one record, like .../customers(<id>)");
    }
    String rawTime = time != null && time.isTextual() ? time.textValue() : "";
    return new ChangeEvent(
        parsed.entity(),
        parsed.id() == null ? Map.of() : Map.of("id", parsed.id()),
        changeType,
        null,
        changeType == ErpChangeType.COLLECTION ? parsed.filter() : null,
        JsonValues.sha256Hex(
            subscriptionId + "|" + resource + "|" + changeTypeText + "|" + rawTime),
        subscriptionId,
        occurredAt);
  }

  private static String requiredString(JsonNode notification, String name, String prefix)
      throws MalformedWebhookException {
    String field = FieldNames.join(prefix, name);
    JsonNode node = notification.get(name);
    if (node == null || !node.isTextual() || node.textValue().isBlank()) {
      throw new MalformedWebhookException(field, field + " is missing or not a string");
    }
    return node.textValue();
  }

  /** The parts of a resource URL: its entity set, the record id (if any) and the $filter. */
  record Resource(String entity, String id, String filter) {

    /**
     * Reads {@code [https://host][/v2.0/{tenant}/{env}]/api/.../companies(..)/customers(<id>)} or
     * {@code .../customers?$filter=...}.
     */
    static Resource parse(String resource, String field) throws MalformedWebhookException {
      String path = resource.strip();
      String query = null;
      int question = path.indexOf('?');
      if (question >= 0) {
        query = path.substring(question + 1);
        path = path.substring(0, question);
      }
      int scheme = path.indexOf("://");
      if (scheme >= 0) {
        int slash = path.indexOf('/', scheme + 3);
        path = slash < 0 ? "" : path.substring(slash);
      }
      while (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      String last = decode(path.substring(path.lastIndexOf('/') + 1), field);
      Matcher segment = SEGMENT.matcher(last);
      if (last.isEmpty() || !segment.matches()) {
        throw new MalformedWebhookException(
            field, field + " does not end in an entity set such as customers or customers(<id>)");
      }
      String entity = EventChecks.bounded(segment.group(1), field);
      String id = null;
      if (segment.group(2) != null) {
        id = unquote(segment.group(2).strip());
        if (id.isEmpty()) {
          throw new MalformedWebhookException(field, field + " has an empty record id");
        }
        EventChecks.bounded(id, field);
      }
      return new Resource(entity, id, filter(query, field));
    }

    private static String unquote(String key) {
      if (key.length() >= 2 && key.startsWith("'") && key.endsWith("'")) {
        return key.substring(1, key.length() - 1).replace("''", "'");
      }
      return key;
    }

    private static String filter(String query, String field) throws MalformedWebhookException {
      if (query == null) {
        return null;
      }
      for (String parameter : query.split("&")) {
        int equals = parameter.indexOf('=');
        String name = decode(equals < 0 ? parameter : parameter.substring(0, equals), field);
        if ("$filter".equals(name)) {
          return equals < 0 ? "" : decode(parameter.substring(equals + 1), field);
        }
      }
      return null;
    }

    /** Percent-decodes (RFC 3986: a '+' stays a '+'). */
    private static String decode(String text, String field) throws MalformedWebhookException {
      if (text.indexOf('%') < 0) {
        return text;
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
      int i = 0;
      while (i < text.length()) {
        int percent = text.indexOf('%', i);
        if (percent < 0) {
          bytes.writeBytes(text.substring(i).getBytes(StandardCharsets.UTF_8));
          break;
        }
        bytes.writeBytes(text.substring(i, percent).getBytes(StandardCharsets.UTF_8));
        int high = percent + 2 < text.length() ? hex(text.charAt(percent + 1)) : -1;
        int low = percent + 2 < text.length() ? hex(text.charAt(percent + 2)) : -1;
        if (high < 0 || low < 0) {
          throw new MalformedWebhookException(field, field + " has a broken %-escape");
        }
        bytes.write(high * 16 + low);
        i = percent + 3;
      }
      return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
      return c < 128 ? Character.digit(c, 16) : -1;
    }
  }
}
