package com.tgm.erpsync.webhook.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.contracts.change.ErpChangeType;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads CloudEvents 1.0 in the HTTP binding's binary, structured and batch modes. SAP S/4HANA
 * business events ({@code sap.s4.beh.<object>.v1.<Entity>.<Operation>.v<n>}) carry the record's key
 * in {@code data}; any other type is read from {@code data} with the connection's mapping.
 */
final class CloudEventsFormat {
  private static final Pattern SAP_TYPE =
      Pattern.compile(
          "sap\\.s4\\.beh\\.[A-Za-z0-9_]+\\.v\\d+\\.([A-Za-z0-9_]+)\\.([A-Za-z0-9_]+)\\.v\\d+");
  private static final String SPEC_VERSION = "1.0";

  private final ObjectMapper mapper;
  private final GenericFormat generic;

  CloudEventsFormat(ObjectMapper mapper, GenericFormat generic) {
    this.mapper = mapper;
    this.generic = generic;
  }

  /** Binary mode: the attributes are {@code ce-} headers, the body is the data. */
  ChangeEvent binary(InboundWebhook request, JsonNode body, WebhookMapping mapping)
      throws MalformedWebhookException {
    String specVersion = request.header("ce-specversion");
    if (specVersion == null || !SPEC_VERSION.equals(specVersion.strip())) {
      throw new MalformedWebhookException(
          "ce-specversion", "unsupported CloudEvents specversion; only " + SPEC_VERSION);
    }
    String time = request.header("ce-time");
    Instant occurredAt = null;
    if (time != null && !time.isBlank()) {
      occurredAt = Timestamps.parseRfc3339(time.strip());
      if (occurredAt == null) {
        throw new MalformedWebhookException("ce-time", "ce-time is not an RFC 3339 timestamp");
      }
    }
    Attributes attributes =
        new Attributes(
            EventChecks.required(request.header("ce-id"), "ce-id", "the CloudEvents id"),
            EventChecks.required(
                request.header("ce-source"), "ce-source", "the CloudEvents source"),
            EventChecks.required(request.header("ce-type"), "ce-type", "the CloudEvents type"),
            "ce-type",
            occurredAt);
    return event(attributes, body, "", mapping);
  }

  /** Structured mode: the body is one event object. */
  ChangeEvent structured(JsonNode body, WebhookMapping mapping) throws MalformedWebhookException {
    if (!body.isObject()) {
      throw new MalformedWebhookException(null, "a structured CloudEvent must be a JSON object");
    }
    return structured(body, "", mapping);
  }

  /** Batch mode: the body is an array of structured events. */
  List<ChangeEvent> batch(JsonNode body, WebhookMapping mapping) throws MalformedWebhookException {
    if (!body.isArray()) {
      throw new MalformedWebhookException(null, "a CloudEvents batch must be a JSON array");
    }
    EventChecks.count(body.size(), null);
    List<ChangeEvent> events = new ArrayList<>(body.size());
    for (int i = 0; i < body.size(); i++) {
      String prefix = FieldNames.element("", i);
      JsonNode element = body.get(i);
      if (!element.isObject()) {
        throw new MalformedWebhookException(prefix, prefix + " must be a CloudEvent object");
      }
      events.add(structured(element, prefix, mapping));
    }
    return events;
  }

  private ChangeEvent structured(JsonNode event, String prefix, WebhookMapping mapping)
      throws MalformedWebhookException {
    String specField = FieldNames.join(prefix, "specversion");
    JsonNode specVersion = event.get("specversion");
    if (JsonValues.isAbsent(specVersion)) {
      throw new MalformedWebhookException(specField, specField + " is missing");
    }
    if (!specVersion.isTextual() || !SPEC_VERSION.equals(specVersion.textValue())) {
      throw new MalformedWebhookException(
          specField, "unsupported CloudEvents specversion; only " + SPEC_VERSION);
    }
    String id = EventChecks.requiredText(event, "id", prefix, "the CloudEvents id");
    String source = EventChecks.requiredText(event, "source", prefix, "the CloudEvents source");
    String type = EventChecks.requiredText(event, "type", prefix, "the CloudEvents type");
    String timeField = FieldNames.join(prefix, "time");
    JsonNode time = event.get("time");
    Instant occurredAt = null;
    if (!JsonValues.isAbsent(time)) {
      occurredAt = time.isTextual() ? Timestamps.parseRfc3339(time.textValue()) : null;
      if (occurredAt == null) {
        throw new MalformedWebhookException(timeField, timeField + " is not an RFC 3339 timestamp");
      }
    }
    Attributes attributes =
        new Attributes(id, source, type, FieldNames.join(prefix, "type"), occurredAt);
    return event(attributes, data(event, prefix), FieldNames.join(prefix, "data"), mapping);
  }

  private JsonNode data(JsonNode event, String prefix) throws MalformedWebhookException {
    JsonNode data = event.get("data");
    JsonNode base64 = event.get("data_base64");
    if (!JsonValues.isAbsent(data) || JsonValues.isAbsent(base64)) {
      return data;
    }
    String field = FieldNames.join(prefix, "data_base64");
    try {
      if (!base64.isTextual()) {
        throw new IllegalArgumentException("not a string");
      }
      return mapper.readTree(Base64.getDecoder().decode(base64.textValue()));
    } catch (IOException | IllegalArgumentException e) {
      throw new MalformedWebhookException(field, field + " is not base64-encoded JSON");
    }
  }

  private ChangeEvent event(
      Attributes attributes, JsonNode data, String dataField, WebhookMapping mapping)
      throws MalformedWebhookException {
    Matcher sap = SAP_TYPE.matcher(attributes.type());
    if (sap.matches()) {
      return sapEvent(attributes, sap, data, dataField);
    }
    if (GenericFormat.hasEntity(data, mapping)) {
      return generic.event(
          data,
          dataField,
          mapping,
          new GenericFormat.Envelope(attributes.id(), attributes.source(), attributes.time()));
    }
    throw new MalformedWebhookException(
        attributes.typeField(),
        "CloudEvents type '"
            + EventChecks.abbreviate(attributes.type())
            + "' is no SAP S/4HANA business event"
            + " (sap.s4.beh.<object>.v1.<Entity>.<Operation>.v<n>) and the data has no entity at "
            + mapping.entityPath());
  }

  private static ChangeEvent sapEvent(
      Attributes attributes, Matcher type, JsonNode data, String dataField)
      throws MalformedWebhookException {
    String field = dataField.isEmpty() ? null : dataField;
    String what = dataField.isEmpty() ? "the body" : dataField;
    if (data == null || !data.isObject()) {
      throw new MalformedWebhookException(
          field, what + " must be a JSON object holding the record's key");
    }
    EventChecks.KeyBuilder key = new EventChecks.KeyBuilder();
    Iterator<Map.Entry<String, JsonNode>> fields = data.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      if (JsonValues.isScalar(entry.getValue())) {
        key.put(entry.getKey(), entry.getValue(), FieldNames.join(dataField, entry.getKey()));
      }
    }
    if (key.isEmpty()) {
      throw new MalformedWebhookException(field, what + " holds no key field");
    }
    String entity = EventChecks.bounded(type.group(1), attributes.typeField());
    return new ChangeEvent(
        entity,
        key.build(),
        sapOperation(type.group(2)),
        null,
        null,
        attributes.id(),
        attributes.source(),
        attributes.time());
  }

  private static ErpChangeType sapOperation(String operation) {
    return switch (operation) {
      case "Created" -> ErpChangeType.CREATED;
      case "Deleted" -> ErpChangeType.DELETED;
      default -> ErpChangeType.UPDATED;
    };
  }

  /** The context attributes that matter here; {@code typeField} names the type when at fault. */
  private record Attributes(
      String id, String source, String type, String typeField, Instant time) {}
}
