package com.tgm.erpsync.webhook.format;

import static com.tgm.erpsync.webhook.format.Samples.FORMATS;
import static com.tgm.erpsync.webhook.format.Samples.MAPPER;
import static com.tgm.erpsync.webhook.format.Samples.json;
import static com.tgm.erpsync.webhook.format.Samples.request;
import static com.tgm.erpsync.webhook.format.Samples.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.change.ErpChangeType;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FinanceOperationsFormatTest {
  private static final String EVENT_ID = "9C6A4E3B-7F21-4D1C-A1B2-3C4D5E6F7A8B";

  private static InboundWebhook dynamics() {
    return request(WebhookRoute.DYNAMICS, ErpType.DYNAMICS_365_FO);
  }

  private static ObjectNode event() {
    return (ObjectNode) sample(Samples.FINANCE_OPERATIONS);
  }

  private static MalformedWebhookException malformed(JsonNode body, WebhookMapping mapping) {
    try {
      ParsedWebhook parsed = FORMATS.read(dynamics(), body, mapping);
      throw new AssertionError("expected a malformed webhook, got " + parsed);
    } catch (MalformedWebhookException e) {
      return e;
    }
  }

  @Test
  void readsAnUnmappedEventWithItsOwnFieldsAsKey() throws Exception {
    ParsedWebhook parsed = FORMATS.read(dynamics(), event(), null);

    assertThat(parsed.format()).isEqualTo("finance-operations");
    assertThat(parsed.bodySecrets()).isEmpty();
    assertThat(parsed.events())
        .containsExactly(
            new ChangeEvent(
                "SalesOrderConfirmedBusinessEvent",
                Map.of(
                    "SalesOrderNumber", "000798",
                    "SalesOrderConfirmationNumber", "3",
                    "dataAreaId", "USMF"),
                ErpChangeType.UPDATED,
                null,
                null,
                EVENT_ID,
                "USMF",
                Instant.parse("2026-11-27T10:00:00Z")));
  }

  @Test
  void readsAMappedEvent() throws Exception {
    WebhookMapping mapping =
        WebhookMapping.from(
            Map.of(
                "businessEvents",
                Map.of(
                    "SalesOrderConfirmedBusinessEvent",
                    Map.of(
                        "entity", "SalesOrderHeadersV2",
                        "keyPaths",
                            Map.of(
                                "SalesOrderNumber", "SalesOrderNumber",
                                "dataAreaId", "BusinessEventLegalEntity"),
                        "changeType", "created"))));

    ParsedWebhook parsed = FORMATS.read(dynamics(), event(), mapping);

    assertThat(parsed.events())
        .containsExactly(
            new ChangeEvent(
                "SalesOrderHeadersV2",
                Map.of("SalesOrderNumber", "000798", "dataAreaId", "USMF"),
                ErpChangeType.CREATED,
                null,
                null,
                EVENT_ID,
                "USMF",
                Instant.parse("2026-11-27T10:00:00Z")));
  }

  @Test
  void aMappedKeyFieldMissingInTheEventIsNamed() {
    WebhookMapping mapping =
        WebhookMapping.from(
            Map.of(
                "businessEvents",
                Map.of(
                    "SalesOrderConfirmedBusinessEvent",
                    Map.of(
                        "entity", "SalesOrderHeadersV2", "keyPaths", Map.of("id", "Order.Id")))));

    assertThat(malformed(event(), mapping).field()).isEqualTo("Order.Id");
  }

  @Test
  void readsAnArrayOfEvents() throws Exception {
    ObjectNode second = event();
    second.put("EventId", "second");
    second.put("SalesOrderNumber", "000799");
    second.remove("EventTime");
    second.put("EventTimeIso8601", "2026-11-27T10:05:12.3450000Z");
    second.remove("BusinessEventLegalEntity");
    ArrayNode body = MAPPER.createArrayNode().add(event()).add(second);

    ParsedWebhook parsed = FORMATS.read(dynamics(), body, null);

    assertThat(parsed.events()).hasSize(2);
    assertThat(parsed.events().get(1))
        .isEqualTo(
            new ChangeEvent(
                "SalesOrderConfirmedBusinessEvent",
                Map.of("SalesOrderNumber", "000799", "SalesOrderConfirmationNumber", "3"),
                ErpChangeType.UPDATED,
                null,
                null,
                "second",
                null,
                Instant.parse("2026-11-27T10:05:12.345Z")));
  }

  @Test
  void arrayErrorsNameTheEvent() {
    ObjectNode second = event();
    second.remove("EventId");
    ArrayNode body = MAPPER.createArrayNode().add(event()).add(second);
    assertThat(malformed(body, null).field()).isEqualTo("[1].EventId");

    second.put("EventId", "x");
    second.remove("BusinessEventId");
    assertThat(malformed(body, null).field()).isEqualTo("[1].BusinessEventId");

    body.set(1, json("\"text\""));
    assertThat(malformed(body, null).field()).isEqualTo("[1]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"EventId", "BusinessEventId"})
  void aMissingRequiredFieldIsNamed(String field) {
    ObjectNode event = event();
    event.put(field, "");

    assertThat(malformed(event, null).field()).isEqualTo(field);
  }

  @Test
  void aBadEventTimeIsNamed() {
    ObjectNode event = event();
    event.put("EventTime", "/Date(x)/");

    assertThat(malformed(event, null).field()).isEqualTo("EventTime");
  }

  @Test
  void anEventWithoutKeyFieldsMustBeMapped() {
    ObjectNode event = event();
    event.remove("SalesOrderNumber");
    event.remove("SalesOrderConfirmationNumber");
    event.remove("BusinessEventLegalEntity");

    MalformedWebhookException e = malformed(event, null);

    assertThat(e.field()).isEqualTo("BusinessEventId");
    assertThat(e.getMessage()).contains("connectionSettings.webhook.businessEvents");
  }

  @Test
  void aKeyFieldWithoutNameIsRejected() {
    ObjectNode event = event();
    event.put("", "1");

    MalformedWebhookException e = malformed(event, null);

    assertThat(e.field()).isNull();
    assertThat(e.getMessage()).contains("empty name");
  }

  @Test
  void aTooLongKeyFieldNameIsNamed() {
    ObjectNode event = event();
    event.put("K".repeat(513), "1");

    assertThat(malformed(event, null).field()).isEqualTo("K".repeat(513));
  }
}
