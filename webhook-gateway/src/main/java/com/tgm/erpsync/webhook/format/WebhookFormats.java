package com.tgm.erpsync.webhook.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns an ERP webhook body into change events. Recognises the format from the request (first match
 * wins): CloudEvents 1.0 (binary, structured or batch; SAP S/4HANA business events), Business
 * Central notifications, Dataverse webhooks, Finance & Operations business events, and otherwise
 * reads generic JSON with the connection's {@link WebhookMapping}. Each ERP route takes only its
 * own formats. Anything it cannot read ends in a {@link MalformedWebhookException} that names the
 * field at fault.
 */
public final class WebhookFormats {
  private static final String BATCH_MEDIA_TYPE = "application/cloudevents-batch+json";
  private static final String STRUCTURED_MEDIA_TYPE = "application/cloudevents+json";

  private final GenericFormat generic;
  private final CloudEventsFormat cloudEvents;

  public WebhookFormats(ObjectMapper mapper) {
    Objects.requireNonNull(mapper, "mapper");
    this.generic = new GenericFormat(mapper);
    this.cloudEvents = new CloudEventsFormat(mapper, generic);
  }

  /**
   * Reads the events of one webhook request.
   *
   * @param request the request's route, headers and media type
   * @param body the parsed body (null for none)
   * @param mapping the connection's mapping for generic JSON (null for {@link
   *     WebhookMapping#DEFAULT})
   * @throws MalformedWebhookException when the body is no webhook the route accepts, carries no
   *     event or more than 1,000, or a field is missing, of the wrong type or too long
   */
  public ParsedWebhook read(InboundWebhook request, JsonNode body, WebhookMapping mapping)
      throws MalformedWebhookException {
    Objects.requireNonNull(request, "request");
    JsonNode content = body == null ? MissingNode.getInstance() : body;
    WebhookMapping settings = mapping == null ? WebhookMapping.DEFAULT : mapping;
    Format format = detect(request, content);
    format.checkRoute(request.route());
    ParsedWebhook parsed =
        switch (format) {
          case CLOUDEVENTS_BINARY -> single(format, cloudEvents.binary(request, content, settings));
          case CLOUDEVENTS_STRUCTURED -> single(format, cloudEvents.structured(content, settings));
          case CLOUDEVENTS_BATCH -> many(format, cloudEvents.batch(content, settings));
          case BUSINESS_CENTRAL -> BusinessCentralFormat.read(content);
          case DATAVERSE -> single(format, DataverseFormat.read(content));
          case FINANCE_OPERATIONS -> many(format, FinanceOperationsFormat.read(content, settings));
          case GENERIC -> many(format, generic.read(content, settings));
        };
    if (parsed.events().isEmpty()) {
      throw new MalformedWebhookException(null, "the webhook carries no event");
    }
    return parsed;
  }

  private static Format detect(InboundWebhook request, JsonNode body) {
    Map<String, String> headers = request.headers();
    String mediaType = request.mediaType();
    if (headers != null && headers.get("ce-specversion") != null) {
      return Format.CLOUDEVENTS_BINARY;
    }
    if (BATCH_MEDIA_TYPE.equals(mediaType)) {
      return Format.CLOUDEVENTS_BATCH;
    }
    if (STRUCTURED_MEDIA_TYPE.equals(mediaType) || (body.isObject() && body.has("specversion"))) {
      return Format.CLOUDEVENTS_STRUCTURED;
    }
    if (BusinessCentralFormat.matches(body)) {
      return Format.BUSINESS_CENTRAL;
    }
    if (DataverseFormat.matches(body)) {
      return Format.DATAVERSE;
    }
    if (FinanceOperationsFormat.matches(body)) {
      return Format.FINANCE_OPERATIONS;
    }
    return Format.GENERIC;
  }

  private static ParsedWebhook single(Format format, ChangeEvent event) {
    return new ParsedWebhook(format.shortName(), List.of(event), List.of());
  }

  private static ParsedWebhook many(Format format, List<ChangeEvent> events) {
    return new ParsedWebhook(format.shortName(), events, List.of());
  }
}
