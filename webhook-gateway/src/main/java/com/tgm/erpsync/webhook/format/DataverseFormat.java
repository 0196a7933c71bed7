package com.tgm.erpsync.webhook.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.contracts.change.ErpChangeType;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a Dataverse webhook: the JSON of a {@code RemoteExecutionContext}, one change of the row
 * {@code PrimaryEntityName}/{@code PrimaryEntityId}. A post-image, when the step registered one,
 * becomes the event's values.
 */
final class DataverseFormat {
  private static final String EMPTY_GUID = "00000000-0000-0000-0000-000000000000";

  private DataverseFormat() {}

  /** Whether the body is a RemoteExecutionContext. */
  static boolean matches(JsonNode body) {
    return body.isObject() && body.has("MessageName") && body.has("PrimaryEntityName");
  }

  static ChangeEvent read(JsonNode context) throws MalformedWebhookException {
    String entity = EventChecks.requiredText(context, "PrimaryEntityName", "", "the table");
    String id = EventChecks.requiredText(context, "PrimaryEntityId", "", "the row id");
    String message = EventChecks.requiredText(context, "MessageName", "", "the message");
    ErpChangeType changeType =
        switch (message) {
          case "Create" -> ErpChangeType.CREATED;
          case "Delete" -> ErpChangeType.DELETED;
          default -> ErpChangeType.UPDATED;
        };
    Map<String, String> key =
        new EventChecks.KeyBuilder().put(entity + "id", id, "PrimaryEntityId").build();
    Instant occurredAt = Timestamps.read(context.get("OperationCreatedOn"), "OperationCreatedOn");
    String source = EventChecks.bounded(present(context, "OrganizationName"), "OrganizationName");
    if (source == null) {
      source = EventChecks.bounded(present(context, "OrganizationId"), "OrganizationId");
    }
    return new ChangeEvent(
        entity,
        key,
        changeType,
        changeType == ErpChangeType.DELETED ? null : postImage(context),
        null,
        eventId(context, id),
        source,
        occurredAt);
  }

  private static String eventId(JsonNode context, String rowId) throws MalformedWebhookException {
    String requestId = present(context, "RequestId");
    if (requestId != null) {
      return EventChecks.bounded(requestId, "RequestId");
    }
    String operationId = present(context, "OperationId");
    if (operationId != null) {
      return EventChecks.bounded(operationId, "OperationId");
    }
    String correlationId = present(context, "CorrelationId");
    if (correlationId != null) {
      return EventChecks.bounded(correlationId + ":" + rowId, "CorrelationId");
    }
    throw new MalformedWebhookException(
        "RequestId", "the context has no RequestId, OperationId or CorrelationId to identify it");
  }

  /** A non-blank string field that is not the empty GUID, else null. */
  private static String present(JsonNode context, String field) {
    String value = JsonValues.text(context, field);
    return value == null || value.isBlank() || EMPTY_GUID.equals(value) ? null : value;
  }

  private static Map<String, Object> postImage(JsonNode context) throws MalformedWebhookException {
    JsonNode images = context.get("PostEntityImages");
    if (images == null || !images.isArray()) {
      return null;
    }
    for (int i = 0; i < images.size(); i++) {
      JsonNode attributes = images.get(i).path("value").path("Attributes");
      if (attributes.isArray()) {
        return attributes(attributes, "PostEntityImages[" + i + "].value.Attributes");
      }
    }
    return null;
  }

  private static Map<String, Object> attributes(JsonNode attributes, String field)
      throws MalformedWebhookException {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < attributes.size(); i++) {
      JsonNode attribute = attributes.get(i);
      JsonNode name = attribute.get("key");
      if (name == null || !name.isTextual() || name.textValue().isEmpty()) {
        String at = FieldNames.element(field, i);
        throw new MalformedWebhookException(at, at + " must be {\"key\": name, \"value\": value}");
      }
      values.put(name.textValue(), unwrap(attribute.get("value")));
    }
    return Collections.unmodifiableMap(values);
  }

  /**
   * The plain value of an attribute: an EntityReference's Id, an OptionSetValue's or Money's Value;
   * anything else as JSON.
   */
  private static Object unwrap(JsonNode value) {
    if (value != null && value.isObject()) {
      String type = JsonValues.text(value, "__type");
      String kind =
          type == null || type.indexOf(':') < 0 ? type : type.substring(0, type.indexOf(':'));
      if ("EntityReference".equals(kind) || (kind == null && isReference(value))) {
        return JsonValues.toJava(value.get("Id"));
      }
      if ("OptionSetValue".equals(kind) || "Money".equals(kind)) {
        return JsonValues.toJava(value.get("Value"));
      }
    }
    return JsonValues.toJava(value);
  }

  private static boolean isReference(JsonNode value) {
    return value.has("Id") && value.has("LogicalName") && !value.has("Attributes");
  }
}
