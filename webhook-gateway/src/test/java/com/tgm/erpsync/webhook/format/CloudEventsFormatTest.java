package com.tgm.erpsync.webhook.format;

import static com.tgm.erpsync.webhook.format.Samples.FORMATS;
import static com.tgm.erpsync.webhook.format.Samples.json;
import static com.tgm.erpsync.webhook.format.Samples.request;
import static com.tgm.erpsync.webhook.format.Samples.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.change.ErpChangeType;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloudEventsFormatTest {
  private static final String STRUCTURED = "application/cloudevents+json";
  private static final String BATCH = "application/cloudevents-batch+json";

  private static InboundWebhook sapRequest(String mediaType) {
    return request(
        WebhookRoute.SAP, ErpType.SAP_S4HANA, mediaType, Map.of("content-type", mediaType));
  }

  private static InboundWebhook binaryRequest(Map<String, String> headers) {
    return request(WebhookRoute.SAP, ErpType.SAP_S4HANA, "application/json", headers);
  }

  private static Map<String, String> binaryHeadersWith(String name, String value) {
    Map<String, String> headers = new HashMap<>(Samples.SAP_BINARY_HEADERS);
    if (value == null) {
      headers.remove(name);
    } else {
      headers.put(name, value);
    }
    return headers;
  }

  private static ObjectNode structured() {
    return (ObjectNode) sample(Samples.SAP_STRUCTURED);
  }

  private static MalformedWebhookException malformed(InboundWebhook request, JsonNode body) {
    try {
      ParsedWebhook parsed = FORMATS.read(request, body, null);
      throw new AssertionError("expected a malformed webhook, got " + parsed);
    } catch (MalformedWebhookException e) {
      return e;
    }
  }

  @Test
  void readsAStructuredSapEvent() throws Exception {
    ParsedWebhook parsed = FORMATS.read(sapRequest(STRUCTURED), structured(), null);

    assertThat(parsed.format()).isEqualTo("cloudevents-structured");
    assertThat(parsed.bodySecrets()).isEmpty();
    assertThat(parsed.events())
        .containsExactly(
            new ChangeEvent(
                "Equipment",
                Map.of("Equipment", "10000001"),
                ErpChangeType.UPDATED,
                null,
                null,
                "AaDnhNOeHuK3r0xDK6GzgQ==",
                "/default/sap.s4.beh/S4HCLNT100",
                Instant.parse("2026-11-27T10:00:00Z")));
  }

  @Test
  void recognisesAStructuredEventSentAsPlainJson() throws Exception {
    ParsedWebhook parsed = FORMATS.read(sapRequest("application/json"), structured(), null);

    assertThat(parsed.format()).isEqualTo("cloudevents-structured");
    assertThat(parsed.events())
        .singleElement()
        .extracting(ChangeEvent::entity)
        .isEqualTo("Equipment");
  }

  @Test
  void readsABinarySapEvent() throws Exception {
    ParsedWebhook parsed =
        FORMATS.read(
            binaryRequest(Samples.SAP_BINARY_HEADERS), sample(Samples.SAP_BINARY_DATA), null);

    assertThat(parsed.format()).isEqualTo("cloudevents-binary");
    assertThat(parsed.bodySecrets()).isEmpty();
    assertThat(parsed.events())
        .containsExactly(
            new ChangeEvent(
                "MaintenanceOrder",
                Map.of("MaintenanceOrder", "4000123", "MaintenanceOrderType", "YA01"),
                ErpChangeType.CREATED,
                null,
                null,
                "4f6a1c2e-9d3b-4e8f-a1b2-c3d4e5f6a7b8",
                "/default/sap.s4.beh/S4HCLNT100",
                Instant.parse("2026-11-27T10:05:12.345Z")));
  }

  @Test
  void aBinaryEventWithoutTimeHasNoOccurredAt() throws Exception {
    ParsedWebhook parsed =
        FORMATS.read(
            binaryRequest(binaryHeadersWith("ce-time", null)),
            sample(Samples.SAP_BINARY_DATA),
            null);

    assertThat(parsed.events().get(0).occurredAt()).isNull();
  }

  @Test
  void readsABatchInOrder() throws Exception {
    ParsedWebhook parsed = FORMATS.read(sapRequest(BATCH), sample(Samples.SAP_BATCH), null);

    assertThat(parsed.format()).isEqualTo("cloudevents-batch");
    assertThat(parsed.bodySecrets()).isEmpty();
    assertThat(parsed.events())
        .containsExactly(
            new ChangeEvent(
                "Equipment",
                Map.of("Equipment", "10000002"),
                ErpChangeType.CREATED,
                null,
                null,
                "0Wq4rJX1Ht2Zb1UuJ3bq9A==",
                "/default/sap.s4.beh/S4HCLNT100",
                Instant.parse("2026-11-27T10:05:12.345Z")),
            new ChangeEvent(
                "BusinessPartner",
                Map.of("BusinessPartner", "1000042", "BusinessPartnerCategory", "2"),
                ErpChangeType.DELETED,
                null,
                null,
                "d5c6a3f0-5c43-4b4e-9b7a-1f0d3b0a9e11",
                "/default/sap.s4.beh/S4HCLNT100",
                null),
            new ChangeEvent(
                "MaintenanceNotification",
                Map.of("MaintenanceNotification", "10004711"),
                ErpChangeType.UPDATED,
                null,
                null,
                "b3a2c1d0-0000-4000-8000-000000000003",
                "/default/sap.s4.beh/S4HCLNT100",
                Instant.parse("2026-11-27T09:58:03Z")));
  }

  @ParameterizedTest
  @CsvSource({
    "Created, CREATED",
    "Deleted, DELETED",
    "Changed, UPDATED",
    "StatusChanged, UPDATED",
    "Released, UPDATED"
  })
  void mapsTheSapOperation(String operation, ErpChangeType expected) throws Exception {
    ObjectNode event = structured();
    event.put("type", "sap.s4.beh.equipment.v1.Equipment." + operation + ".v1");

    assertThat(FORMATS.read(sapRequest(STRUCTURED), event, null).events().get(0).changeType())
        .isEqualTo(expected);
  }

  @Test
  void numericAndBooleanKeyFieldsBecomeText() throws Exception {
    ObjectNode event = structured();
    event.set("data", json("{\"Equipment\":10000001,\"Active\":true,\"Nested\":[1]}"));

    assertThat(FORMATS.read(sapRequest(STRUCTURED), event, null).events().get(0).key())
        .isEqualTo(Map.of("Equipment", "10000001", "Active", "true"));
  }

  @Test
  void readsBase64Data() throws Exception {
    ObjectNode event = structured();
    event.remove("data");
    event.put(
        "data_base64",
        Base64.getEncoder().encodeToString("{\"Equipment\":\"10000009\"}".getBytes()));

    assertThat(FORMATS.read(sapRequest(STRUCTURED), event, null).events().get(0).key())
        .isEqualTo(Map.of("Equipment", "10000009"));
  }

  @Test
  void readsANonSapCloudEventWithTheMapping() throws Exception {
    ObjectNode event = structured();
    event.put("type", "com.example.erp.record.changed");
    event.set(
        "data",
        json(
            "{\"table\":\"assets\",\"ids\":{\"assetNo\":\"A-7\"},\"op\":\"I\",\"row\":{\"name\":\"Pump\"}}"));
    WebhookMapping mapping =
        WebhookMapping.from(
            Map.of(
                "entityPath", "table",
                "keyPath", "ids",
                "changeTypePath", "op",
                "changeTypes", Map.of("I", "CREATED", "U", "UPDATED", "D", "DELETED"),
                "valuesPath", "row"));

    ParsedWebhook parsed = FORMATS.read(sapRequest(STRUCTURED), event, mapping);

    assertThat(parsed.events())
        .containsExactly(
            new ChangeEvent(
                "assets",
                Map.of("assetNo", "A-7"),
                ErpChangeType.CREATED,
                Map.of("name", "Pump"),
                null,
                "AaDnhNOeHuK3r0xDK6GzgQ==",
                "/default/sap.s4.beh/S4HCLNT100",
                Instant.parse("2026-11-27T10:00:00Z")));
  }

  @Test
  void aNonSapTypeWithoutMappedEntityIsMalformedOnType() {
    ObjectNode event = structured();
    event.put("type", "com.example.other");

    assertThat(malformed(sapRequest(STRUCTURED), event).field()).isEqualTo("type");
  }

  @Test
  void aNonSapTypeInBinaryModeIsMalformedOnTheTypeHeader() {
    MalformedWebhookException e =
        malformed(
            binaryRequest(binaryHeadersWith("ce-type", "com.example.other")),
            sample(Samples.SAP_BINARY_DATA));

    assertThat(e.field()).isEqualTo("ce-type");
  }

  @ParameterizedTest
  @CsvSource({"specversion", "id", "source", "type"})
  void aMissingRequiredAttributeIsNamed(String attribute) {
    ObjectNode event = structured();
    event.remove(attribute);

    MalformedWebhookException e = malformed(sapRequest(STRUCTURED), event);

    assertThat(e.field()).isEqualTo(attribute);
    assertThat(e.getMessage()).contains(attribute);
  }

  @Test
  void aMissingSpecVersionWithThePlainMediaTypeIsNoCloudEvent() {
    ObjectNode event = structured();
    event.remove("specversion");

    assertThat(malformed(sapRequest("application/json"), event).getMessage())
        .contains("sap webhook route accepts CloudEvents");
  }

  @ParameterizedTest
  @CsvSource({"ce-specversion", "ce-id", "ce-source", "ce-type"})
  void aMissingRequiredHeaderIsNamed(String header) {
    Map<String, String> headers =
        binaryHeadersWith(header, "ce-specversion".equals(header) ? "0.3" : null);

    assertThat(malformed(binaryRequest(headers), sample(Samples.SAP_BINARY_DATA)).field())
        .isEqualTo(header);
  }

  @Test
  void anEmptyIdIsMissing() {
    ObjectNode event = structured();
    event.put("id", " ");

    assertThat(malformed(sapRequest(STRUCTURED), event).field()).isEqualTo("id");
  }

  @Test
  void onlySpecVersionOneIsAccepted() {
    ObjectNode event = structured();
    event.put("specversion", "0.3");

    MalformedWebhookException e = malformed(sapRequest(STRUCTURED), event);

    assertThat(e.field()).isEqualTo("specversion");
    assertThat(e.getMessage()).contains("1.0");
  }

  @Test
  void aNumericSpecVersionIsRejected() {
    ObjectNode event = structured();
    event.put("specversion", 1.0);

    assertThat(malformed(sapRequest(STRUCTURED), event).field()).isEqualTo("specversion");
  }

  @Test
  void aNonStringIdIsRejected() {
    ObjectNode event = structured();
    event.put("id", 42);

    assertThat(malformed(sapRequest(STRUCTURED), event).field()).isEqualTo("id");
  }

  @Test
  void aBadTimeIsNamed() {
    ObjectNode event = structured();
    event.put("time", "27.11.2026 10:00");

    assertThat(malformed(sapRequest(STRUCTURED), event).field()).isEqualTo("time");
    assertThat(
            malformed(
                    binaryRequest(binaryHeadersWith("ce-time", "yesterday")),
                    sample(Samples.SAP_BINARY_DATA))
                .field())
        .isEqualTo("ce-time");
  }

  @Test
  void theTimeMustBeRfc3339() {
    ObjectNode event = structured();
    event.put("time", "/Date(1795773600000)/");

    assertThat(malformed(sapRequest(STRUCTURED), event).field()).isEqualTo("time");
  }

  @Test
  void sapDataMustBeAnObjectWithAKey() {
    ObjectNode event = structured();
    event.remove("data");
    assertThat(malformed(sapRequest(STRUCTURED), event).field()).isEqualTo("data");

    event.put("data", "10000001");
    assertThat(malformed(sapRequest(STRUCTURED), event).field()).isEqualTo("data");

    event.set("data", json("{\"Nested\":{\"Equipment\":\"1\"},\"Gone\":null}"));
    assertThat(malformed(sapRequest(STRUCTURED), event).field()).isEqualTo("data");

    assertThat(malformed(binaryRequest(Samples.SAP_BINARY_HEADERS), json("[1]")).field()).isNull();
  }

  @Test
  void brokenBase64DataIsNamed() {
    ObjectNode event = structured();
    event.remove("data");
    event.put("data_base64", "%%%");

    assertThat(malformed(sapRequest(STRUCTURED), event).field()).isEqualTo("data_base64");
  }

  @Test
  void aTooLongKeyValueIsNamed() {
    ObjectNode event = structured();
    event.set("data", json("{\"Equipment\":\"" + "9".repeat(513) + "\"}"));

    assertThat(malformed(sapRequest(STRUCTURED), event).field()).isEqualTo("data.Equipment");
  }

  @Test
  void aTooLongEntityIsNamed() {
    ObjectNode event = structured();
    event.put("type", "sap.s4.beh.equipment.v1." + "E".repeat(513) + ".Changed.v1");

    assertThat(malformed(sapRequest(STRUCTURED), event).field()).isEqualTo("type");
  }

  @Test
  void batchErrorsNameTheEvent() {
    JsonNode batch = sample(Samples.SAP_BATCH);
    ((ObjectNode) batch.get(1)).remove("id");

    assertThat(malformed(sapRequest(BATCH), batch).field()).isEqualTo("[1].id");

    ((ObjectNode) batch.get(1)).put("id", "x");
    ((ObjectNode) batch.get(2)).put("time", "noon");
    assertThat(malformed(sapRequest(BATCH), batch).field()).isEqualTo("[2].time");
  }

  @Test
  void batchElementsMustBeObjects() {
    assertThat(malformed(sapRequest(BATCH), json("[{\"specversion\":\"1.0\"},7]")).field())
        .isEqualTo("[0].id");
    assertThat(malformed(sapRequest(BATCH), json("[7]")).field()).isEqualTo("[0]");
  }

  @Test
  void aBatchMustBeAnArrayWithEvents() {
    assertThat(malformed(sapRequest(BATCH), structured()).getMessage()).contains("array");
    MalformedWebhookException empty = malformed(sapRequest(BATCH), json("[]"));
    assertThat(empty.field()).isNull();
    assertThat(empty.getMessage()).contains("no event");
  }

  @Test
  void aBatchOfMoreThanAThousandIsRejected() {
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 1001; i++) {
      batch.append(i == 0 ? "" : ",").append(structured());
    }
    batch.append(']');

    MalformedWebhookException e = malformed(sapRequest(BATCH), json(batch.toString()));

    assertThat(e.field()).isNull();
    assertThat(e.getMessage()).contains("1000").contains("1001");
  }

  @Test
  void aBatchOfAThousandIsRead() throws Exception {
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 1000; i++) {
      batch.append(i == 0 ? "" : ",").append(structured());
    }
    batch.append(']');

    assertThat(FORMATS.read(sapRequest(BATCH), json(batch.toString()), null).events())
        .hasSize(1000);
  }
}
