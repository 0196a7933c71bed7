package com.tgm.erpsync.webhook.format;

import com.tgm.erpsync.contracts.change.ErpChangeType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads {@code connectionSettings.webhook} into a {@link WebhookMapping}, rejecting mistakes. */
final class MappingSettings {
  private static final String PREFIX = "connectionSettings.webhook";
  private static final Set<String> SETTINGS =
      Set.of(
          "eventsPath",
          "entity",
          "entityPath",
          "keyPaths",
          "keyPath",
          "changeTypePath",
          "changeTypes",
          "eventIdPath",
          "occurredAtPath",
          "valuesPath",
          "businessEvents");
  private static final Set<String> BUSINESS_EVENT_SETTINGS =
      Set.of("entity", "keyPaths", "changeType");

  private MappingSettings() {}

  static WebhookMapping read(Object settings) {
    if (settings == null) {
      return WebhookMapping.DEFAULT;
    }
    Map<String, Object> map = object(settings, PREFIX);
    for (String name : map.keySet()) {
      if (!SETTINGS.contains(name)) {
        throw new IllegalArgumentException(
            PREFIX
                + "."
                + name
                + ": unknown setting; known are "
                + SETTINGS.stream().sorted().toList());
      }
    }
    WebhookMapping defaults = WebhookMapping.DEFAULT;
    if (map.get("entity") != null && map.get("entityPath") != null) {
      throw new IllegalArgumentException(
          PREFIX + ".entity: set either entity (a constant) or entityPath, not both");
    }
    if (map.get("keyPaths") != null && map.get("keyPath") != null) {
      throw new IllegalArgumentException(
          PREFIX + ".keyPaths: set either keyPaths or keyPath, not both");
    }
    String entity = map.get("entity") == null ? null : name(map.get("entity"), PREFIX + ".entity");
    return new WebhookMapping(
        map.get("eventsPath") == null ? null : path(map.get("eventsPath"), PREFIX + ".eventsPath"),
        entity,
        path(map.get("entityPath"), PREFIX + ".entityPath", defaults.entityPath()),
        map.get("keyPaths") == null
            ? Map.of()
            : keyPaths(map.get("keyPaths"), PREFIX + ".keyPaths"),
        path(map.get("keyPath"), PREFIX + ".keyPath", defaults.keyPath()),
        path(map.get("changeTypePath"), PREFIX + ".changeTypePath", defaults.changeTypePath()),
        map.get("changeTypes") == null ? null : changeTypes(map.get("changeTypes")),
        path(map.get("eventIdPath"), PREFIX + ".eventIdPath", defaults.eventIdPath()),
        path(map.get("occurredAtPath"), PREFIX + ".occurredAtPath", defaults.occurredAtPath()),
        path(map.get("valuesPath"), PREFIX + ".valuesPath", defaults.valuesPath()),
        map.get("businessEvents") == null ? Map.of() : businessEvents(map.get("businessEvents")));
  }

  private static Map<String, ErpChangeType> changeTypes(Object value) {
    String setting = PREFIX + ".changeTypes";
    Map<String, Object> map = object(value, setting);
    if (map.isEmpty()) {
      throw new IllegalArgumentException(setting + ": must map at least one value");
    }
    Map<String, ErpChangeType> types = new HashMap<>();
    for (Map.Entry<String, Object> entry : map.entrySet()) {
      String field = setting + "." + entry.getKey();
      if (entry.getKey().isBlank()) {
        throw new IllegalArgumentException(field + ": the ERP value must not be empty");
      }
      ErpChangeType type = changeType(entry.getValue(), field);
      ErpChangeType before = types.put(entry.getKey().toLowerCase(Locale.ROOT), type);
      if (before != null && before != type) {
        throw new IllegalArgumentException(
            field + ": the same value, ignoring case, is mapped to " + before + " already");
      }
    }
    return types;
  }

  private static ErpChangeType changeType(Object value, String field) {
    if (value instanceof String text) {
      switch (text.strip().toUpperCase(Locale.ROOT)) {
        case "CREATED":
          return ErpChangeType.CREATED;
        case "UPDATED":
          return ErpChangeType.UPDATED;
        case "DELETED":
          return ErpChangeType.DELETED;
        default:
          break;
      }
    }
    throw new IllegalArgumentException(
        field + ": must be CREATED, UPDATED or DELETED, not " + describe(value));
  }

  private static Map<String, WebhookMapping.BusinessEvent> businessEvents(Object value) {
    String setting = PREFIX + ".businessEvents";
    Map<String, WebhookMapping.BusinessEvent> events = new HashMap<>();
    for (Map.Entry<String, Object> entry : object(value, setting).entrySet()) {
      String field = setting + "." + entry.getKey();
      Map<String, Object> event = object(entry.getValue(), field);
      for (String name : event.keySet()) {
        if (!BUSINESS_EVENT_SETTINGS.contains(name)) {
          throw new IllegalArgumentException(
              field + "." + name + ": unknown setting; known are entity, keyPaths, changeType");
        }
      }
      if (event.get("entity") == null) {
        throw new IllegalArgumentException(field + ".entity: is required");
      }
      if (event.get("keyPaths") == null) {
        throw new IllegalArgumentException(field + ".keyPaths: is required");
      }
      events.put(
          entry.getKey(),
          new WebhookMapping.BusinessEvent(
              name(event.get("entity"), field + ".entity"),
              keyPaths(event.get("keyPaths"), field + ".keyPaths"),
              event.get("changeType") == null
                  ? ErpChangeType.UPDATED
                  : changeType(event.get("changeType"), field + ".changeType")));
    }
    return events;
  }

  private static Map<String, JsonPath> keyPaths(Object value, String setting) {
    Map<String, Object> map = object(value, setting);
    if (map.isEmpty()) {
      throw new IllegalArgumentException(setting + ": must name at least one key field");
    }
    Map<String, JsonPath> paths = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : map.entrySet()) {
      String field = setting + "." + entry.getKey();
      name(entry.getKey(), field);
      paths.put(entry.getKey(), path(entry.getValue(), field));
    }
    return paths;
  }

  private static String name(Object value, String setting) {
    if (!(value instanceof String text) || text.isBlank()) {
      throw new IllegalArgumentException(setting + ": must be a non-empty string");
    }
    if (text.length() > EventChecks.MAX_TEXT) {
      throw new IllegalArgumentException(
          setting + ": must be at most " + EventChecks.MAX_TEXT + " characters");
    }
    return text;
  }

  private static JsonPath path(Object value, String setting, JsonPath fallback) {
    return value == null ? fallback : path(value, setting);
  }

  private static JsonPath path(Object value, String setting) {
    if (!(value instanceof String text)) {
      throw new IllegalArgumentException(setting + ": must be a path string");
    }
    try {
      return JsonPath.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(setting + ": not a path: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> object(Object value, String setting) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(setting + ": must be an object");
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(String.valueOf(k), v));
    return copy;
  }

  private static String describe(Object value) {
    return value instanceof String text ? "'" + text + "'" : String.valueOf(value);
  }
}
