package com.tgm.erpsync.webhook.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.contracts.change.ErpChangeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads events from any JSON body by following a {@link WebhookMapping}: the body is one event
 * object, an array of them, or holds the array at the mapping's {@code eventsPath}.
 */
final class GenericFormat {
  private final ObjectMapper mapper;

  GenericFormat(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  List<ChangeEvent> read(JsonNode body, WebhookMapping mapping) throws MalformedWebhookException {
    JsonPath eventsPath = mapping.eventsPath();
    JsonNode events = body;
    String arrayField = "";
    if (eventsPath != null && !eventsPath.isRoot()) {
      arrayField = eventsPath.toString();
      events = eventsPath.find(body);
      if (JsonValues.isAbsent(events)) {
        throw new MalformedWebhookException(arrayField, arrayField + " (the events) is missing");
      }
      if (!events.isArray()) {
        throw new MalformedWebhookException(
            arrayField, arrayField + " (the events) must be a JSON array");
      }
    }
    if (events.isObject()) {
      return List.of(event(events, "", mapping, Envelope.NONE));
    }
    if (!events.isArray()) {
      throw new MalformedWebhookException(null, "the body must be a JSON object or array");
    }
    EventChecks.count(events.size(), arrayField.isEmpty() ? null : arrayField);
    List<ChangeEvent> result = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      result.add(event(events.get(i), FieldNames.element(arrayField, i), mapping, Envelope.NONE));
    }
    return result;
  }

  /**
   * Whether the mapping finds an entity in the node: a constant entity, or something at the entity
   * path.
   */
  static boolean hasEntity(JsonNode node, WebhookMapping mapping) {
    return mapping.entity() != null
        || (node != null
            && node.isObject()
            && !JsonValues.isAbsent(mapping.entityPath().find(node)));
  }

  /**
   * Reads one event object.
   *
   * @param prefix the path of the object in the body, empty for the body itself
   * @param envelope what an enclosing envelope (a CloudEvent) already says about the event
   */
  ChangeEvent event(JsonNode event, String prefix, WebhookMapping mapping, Envelope envelope)
      throws MalformedWebhookException {
    if (event == null || !event.isObject()) {
      throw new MalformedWebhookException(
          prefix.isEmpty() ? null : prefix,
          (prefix.isEmpty() ? "the event" : prefix) + " must be a JSON object");
    }
    String eventId =
        envelope.eventId() != null ? envelope.eventId() : eventId(event, prefix, mapping);
    Instant occurredAt =
        envelope.occurredAt() != null
            ? envelope.occurredAt()
            : Timestamps.read(
                mapping.occurredAtPath().find(event), mapping.occurredAtPath().under(prefix));
    return new ChangeEvent(
        entity(event, prefix, mapping),
        key(event, prefix, mapping),
        changeType(event, prefix, mapping),
        values(event, prefix, mapping),
        null,
        eventId,
        envelope.source(),
        occurredAt);
  }

  private static String entity(JsonNode event, String prefix, WebhookMapping mapping)
      throws MalformedWebhookException {
    if (mapping.entity() != null) {
      return mapping.entity();
    }
    String field = mapping.entityPath().under(prefix);
    JsonNode node = mapping.entityPath().find(event);
    if (node != null && !node.isNull() && !node.isTextual()) {
      throw new MalformedWebhookException(field, field + " (the entity) must be a string");
    }
    return EventChecks.required(node == null ? null : node.textValue(), field, "the entity");
  }

  private static Map<String, String> key(JsonNode event, String prefix, WebhookMapping mapping)
      throws MalformedWebhookException {
    EventChecks.KeyBuilder key = new EventChecks.KeyBuilder();
    if (!mapping.keyPaths().isEmpty()) {
      for (Map.Entry<String, JsonPath> path : new TreeMap<>(mapping.keyPaths()).entrySet()) {
        key.put(path.getKey(), path.getValue().find(event), path.getValue().under(prefix));
      }
      return key.build();
    }
    String field = mapping.keyPath().under(prefix);
    JsonNode node = mapping.keyPath().find(event);
    if (JsonValues.isAbsent(node)) {
      throw new MalformedWebhookException(field, field + " (the key) is missing");
    }
    if (!node.isObject()) {
      throw new MalformedWebhookException(
          field, field + " (the key) must be an object of key fields");
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      key.put(entry.getKey(), entry.getValue(), FieldNames.join(field, entry.getKey()));
    }
    if (key.isEmpty()) {
      throw new MalformedWebhookException(field, field + " (the key) has no fields");
    }
    return key.build();
  }

  private static ErpChangeType changeType(JsonNode event, String prefix, WebhookMapping mapping)
      throws MalformedWebhookException {
    String field = mapping.changeTypePath().under(prefix);
    JsonNode node = mapping.changeTypePath().find(event);
    if (JsonValues.isAbsent(node)) {
      return ErpChangeType.UPDATED;
    }
    ErpChangeType type = node.isTextual() ? mapping.changeType(node.textValue()) : null;
    if (type == null) {
      throw new MalformedWebhookException(
          field,
          field
              + " is not a known change type"
              + (node.isTextual() ? " '" + EventChecks.abbreviate(node.textValue()) + "'" : "")
              + "; expected one of "
              + new TreeSet<>(mapping.changeTypes().keySet())
              + " (ignoring case)");
    }
    return type;
  }

  private String eventId(JsonNode event, String prefix, WebhookMapping mapping)
      throws MalformedWebhookException {
    String field = mapping.eventIdPath().under(prefix);
    JsonNode node = mapping.eventIdPath().find(event);
    if (JsonValues.isAbsent(node)) {
      return JsonValues.sha256Hex(
          JsonValues.canonicalJson(mapper, event, prefix.isEmpty() ? null : prefix));
    }
    String id = JsonValues.scalarText(node);
    if (id == null) {
      throw new MalformedWebhookException(field, field + " (the event id) must be a scalar");
    }
    return EventChecks.required(id, field, "the event id");
  }

  private static Map<String, Object> values(JsonNode event, String prefix, WebhookMapping mapping)
      throws MalformedWebhookException {
    JsonNode node = mapping.valuesPath().find(event);
    if (JsonValues.isAbsent(node)) {
      return null;
    }
    if (!node.isObject()) {
      String field = mapping.valuesPath().under(prefix);
      throw new MalformedWebhookException(
          field, field + " (the record's values) must be a JSON object");
    }
    return JsonValues.toJavaMap(node);
  }

  /** What a CloudEvent around a generic event says itself; null parts come from the event. */
  record Envelope(String eventId, String source, Instant occurredAt) {
    static final Envelope NONE = new Envelope(null, null, null);
  }
}
