package com.tgm.erpsync.webhook.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.contracts.change.ErpChangeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads Dynamics 365 Finance & Operations business events (one object, or an array of them): entity
 * and key as the connection maps the BusinessEventId, else the event id as entity and every
 * non-standard scalar field as key.
 */
final class FinanceOperationsFormat {
  private static final Set<String> STANDARD_FIELDS =
      Set.of(
          "BusinessEventId",
          "BusinessEventLegalEntity",
          "ContextRecordSubject",
          "ControlNumber",
          "EventId",
          "EventTime",
          "MajorVersion",
          "MinorVersion",
          "InitiatingUserAADObjectId",
          "ParentContextRecordSubject",
          "EventTimeIso8601");

  private FinanceOperationsFormat() {}

  /** Whether the body is a business event or an array starting with one. */
  static boolean matches(JsonNode body) {
    JsonNode first = body.isArray() && !body.isEmpty() ? body.get(0) : body;
    return first.isObject() && first.has("BusinessEventId");
  }

  static List<ChangeEvent> read(JsonNode body, WebhookMapping mapping)
      throws MalformedWebhookException {
    if (body.isObject()) {
      return List.of(event(body, "", mapping));
    }
    EventChecks.count(body.size(), null);
    List<ChangeEvent> events = new ArrayList<>(body.size());
    for (int i = 0; i < body.size(); i++) {
      String prefix = FieldNames.element("", i);
      JsonNode event = body.get(i);
      if (!event.isObject()) {
        throw new MalformedWebhookException(prefix, prefix + " must be a business event object");
      }
      events.add(event(event, prefix, mapping));
    }
    return events;
  }

  private static ChangeEvent event(JsonNode event, String prefix, WebhookMapping mapping)
      throws MalformedWebhookException {
    String businessEventId =
        EventChecks.requiredText(event, "BusinessEventId", prefix, "the business event");
    String eventId = EventChecks.requiredText(event, "EventId", prefix, "the event id");
    String legalEntity = JsonValues.text(event, "BusinessEventLegalEntity");
    String legalEntityField = FieldNames.join(prefix, "BusinessEventLegalEntity");
    EventChecks.bounded(legalEntity, legalEntityField);
    WebhookMapping.BusinessEvent mapped = mapping.businessEvents().get(businessEventId);
    EventChecks.KeyBuilder key = new EventChecks.KeyBuilder();
    if (mapped != null) {
      for (Map.Entry<String, JsonPath> path : new TreeMap<>(mapped.keyPaths()).entrySet()) {
        key.put(path.getKey(), path.getValue().find(event), path.getValue().under(prefix));
      }
    } else {
      Iterator<Map.Entry<String, JsonNode>> fields = event.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!STANDARD_FIELDS.contains(field.getKey()) && JsonValues.isScalar(field.getValue())) {
          key.put(field.getKey(), field.getValue(), FieldNames.join(prefix, field.getKey()));
        }
      }
      if (legalEntity != null && !legalEntity.isEmpty()) {
        key.put("dataAreaId", legalEntity, legalEntityField);
      }
      if (key.isEmpty()) {
        String field = FieldNames.join(prefix, "BusinessEventId");
        throw new MalformedWebhookException(
            field,
            "business event '"
                + EventChecks.abbreviate(businessEventId)
                + "' carries no key field; map it in connectionSettings.webhook.businessEvents");
      }
    }
    return new ChangeEvent(
        mapped != null
            ? mapped.entity()
            : EventChecks.bounded(businessEventId, FieldNames.join(prefix, "BusinessEventId")),
        key.build(),
        mapped != null ? mapped.changeType() : ErpChangeType.UPDATED,
        null,
        null,
        eventId,
        legalEntity,
        occurredAt(event, prefix));
  }

  private static Instant occurredAt(JsonNode event, String prefix)
      throws MalformedWebhookException {
    JsonNode time = event.get("EventTime");
    if (!JsonValues.isAbsent(time)) {
      return Timestamps.read(time, FieldNames.join(prefix, "EventTime"));
    }
    return Timestamps.read(
        event.get("EventTimeIso8601"), FieldNames.join(prefix, "EventTimeIso8601"));
  }
}
