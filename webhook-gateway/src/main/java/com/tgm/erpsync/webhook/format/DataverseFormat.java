package com.tgm.erpsync.webhook.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.contracts.change.ErpChangeType;
import java.time.Instant;
import java.util.Map;

/**
 * Reads a Dataverse webhook: the JSON of a {@code RemoteExecutionContext}, one change of the row
 * {@code PrimaryEntityName}/{@code PrimaryEntityId}. The row is always fetched: a post-image holds
 * only the columns its step registered, and a partial record taken for the whole would blank the
 * others in TGM.
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
        entity, key, changeType, null, null, eventId(context, id), source, occurredAt);
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
}
