package com.tgm.erpsync.webhook.format;

import static com.tgm.erpsync.webhook.format.Samples.FORMATS;
import static com.tgm.erpsync.webhook.format.Samples.json;
import static com.tgm.erpsync.webhook.format.Samples.request;
import static com.tgm.erpsync.webhook.format.Samples.sample;
import static com.tgm.erpsync.webhook.format.Samples.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.change.ErpChangeType;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenericFormatTest {
  private static final WebhookMapping NETSUITE = WebhookMapping.from(Samples.NETSUITE_SETTINGS);

  private static InboundWebhook oracle() {
    return request(WebhookRoute.ORACLE, ErpType.ORACLE_NETSUITE);
  }

  private static ParsedWebhook read(JsonNode body, WebhookMapping mapping)
      throws MalformedWebhookException {
    ParsedWebhook parsed = FORMATS.read(oracle(), body, mapping);
    assertThat(parsed.format()).isEqualTo("generic");
    assertThat(parsed.bodySecrets()).isEmpty();
    return parsed;
  }

  private static MalformedWebhookException malformed(JsonNode body, WebhookMapping mapping) {
    try {
      ParsedWebhook parsed = FORMATS.read(oracle(), body, mapping);
      throw new AssertionError("expected a malformed webhook, got " + parsed);
    } catch (MalformedWebhookException e) {
      return e;
    }
  }

  private static ObjectNode netsuiteEvent(JsonNode body, int index) {
    return (ObjectNode) body.get("events").get(index);
  }

  @Test
  void readsANetSuiteBodyWithItsMapping() throws Exception {
    ParsedWebhook parsed = read(sample(Samples.NETSUITE), NETSUITE);

    assertThat(parsed.events())
        .containsExactly(
            new ChangeEvent(
                "workOrder",
                Map.of("internalId", "7311"),
                ErpChangeType.CREATED,
                Map.of("tranid", "WO-1042", "status", "pendingBuild", "quantity", 4L),
                null,
                "ns-dlv-000001",
                null,
                Instant.parse("2026-11-27T10:00:00Z")),
            new ChangeEvent(
                "workOrder",
                Map.of("internalId", "7312"),
                ErpChangeType.UPDATED,
                Map.of("status", "released"),
                null,
                "ns-dlv-000002",
                null,
                Instant.parse("2026-11-27T10:05:12.345Z")),
            new ChangeEvent(
                "customer",
                Map.of("internalId", "981"),
                ErpChangeType.DELETED,
                null,
                null,
                sha256(
                    "{\"eventType\":\"delete\",\"record\":{\"id\":981},\"recordType\":\"customer\","
                        + "\"timestamp\":\"/Date(1795773483000)/\"}"),
                null,
                Instant.parse("2026-11-27T09:58:03Z")));
  }

  @Test
  void theDerivedEventIdIgnoresFieldOrder() throws Exception {
    JsonNode reordered =
        json(
            "{\"events\":[{\"timestamp\":\"/Date(1795773483000)/\",\"recordType\":\"customer\","
                + "\"record\":{\"id\":981},\"eventType\":\"delete\"}]}");

    assertThat(read(reordered, NETSUITE).events().get(0).eventId())
        .isEqualTo(read(sample(Samples.NETSUITE), NETSUITE).events().get(2).eventId());
  }

  @Test
  void readsTheDefaultShape() throws Exception {
    JsonNode body =
        json(
            "{\"entity\":\"assets\",\"key\":{\"assetNo\":\"A-7\",\"site\":3},\"changeType\":\"UPDATED\","
                + "\"eventId\":\"e-1\",\"occurredAt\":\"2026-11-27T10:00:00Z\",\"values\":{\"name\":\"Pump\",\"tags\":[\"x\"]}}");

    assertThat(read(body, null).events())
        .containsExactly(
            new ChangeEvent(
                "assets",
                Map.of("assetNo", "A-7", "site", "3"),
                ErpChangeType.UPDATED,
                Map.of("name", "Pump", "tags", java.util.List.of("x")),
                null,
                "e-1",
                null,
                Instant.parse("2026-11-27T10:00:00Z")));
  }

  @Test
  void readsAnArrayBodyAndAConstantEntity() throws Exception {
    WebhookMapping mapping = WebhookMapping.from(Map.of("entity", "employees"));
    JsonNode body =
        json("[{\"key\":{\"id\":\"1\"}},{\"key\":{\"id\":\"2\"},\"changeType\":\"Deleted\"}]");

    ParsedWebhook parsed = read(body, mapping);

    assertThat(parsed.events())
        .extracting(ChangeEvent::entity)
        .containsExactly("employees", "employees");
    assertThat(parsed.events())
        .extracting(ChangeEvent::changeType)
        .containsExactly(ErpChangeType.UPDATED, ErpChangeType.DELETED);
    assertThat(parsed.events().get(0).eventId()).isEqualTo(sha256("{\"key\":{\"id\":\"1\"}}"));
  }

  @ParameterizedTest
  @CsvSource({
    "create, CREATED",
    "Created, CREATED",
    "UPDATE, UPDATED",
    "edit, UPDATED",
    "xedit, UPDATED",
    "delete, DELETED",
    "DELETED, DELETED"
  })
  void understandsTheDefaultChangeTypes(String value, ErpChangeType expected) throws Exception {
    JsonNode body = json("{\"entity\":\"e\",\"key\":{\"id\":1},\"changeType\":\"" + value + "\"}");

    assertThat(read(body, null).events().get(0).changeType()).isEqualTo(expected);
  }

  @Test
  void mappedChangeTypesReplaceTheDefaults() throws Exception {
    WebhookMapping mapping =
        WebhookMapping.from(Map.of("changeTypes", Map.of("I", "CREATED", "u", "UPDATED")));
    assertThat(
            read(json("{\"entity\":\"e\",\"key\":{\"id\":1},\"changeType\":\"U\"}"), mapping)
                .events()
                .get(0)
                .changeType())
        .isEqualTo(ErpChangeType.UPDATED);

    MalformedWebhookException e =
        malformed(json("{\"entity\":\"e\",\"key\":{\"id\":1},\"changeType\":\"delete\"}"), mapping);
    assertThat(e.field()).isEqualTo("changeType");
    assertThat(e.getMessage()).contains("delete");
  }

  @Test
  void readsEveryTimeForm() throws Exception {
    for (String time :
        new String[] {
          "1795773600000", "\"/Date(1795773600000)/\"", "\"2026-11-27T11:00:00+01:00\""
        }) {
      JsonNode body = json("{\"entity\":\"e\",\"key\":{\"id\":1},\"occurredAt\":" + time + "}");
      assertThat(read(body, null).events().get(0).occurredAt())
          .isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
    }
  }

  @Test
  void missingRequiredPathsAreNamedWithTheEventIndex() {
    JsonNode body = sample(Samples.NETSUITE);
    ((ObjectNode) netsuiteEvent(body, 1).get("record")).remove("id");
    assertThat(malformed(body, NETSUITE).field()).isEqualTo("events[1].record.id");

    body = sample(Samples.NETSUITE);
    netsuiteEvent(body, 2).remove("recordType");
    assertThat(malformed(body, NETSUITE).field()).isEqualTo("events[2].recordType");

    JsonNode array = json("[{\"entity\":\"e\",\"key\":{\"id\":1}},{\"entity\":\"e\"}]");
    assertThat(malformed(array, null).field()).isEqualTo("[1].key");
  }

  @Test
  void wrongTypesAreNamed() {
    JsonNode body = sample(Samples.NETSUITE);
    netsuiteEvent(body, 0).set("record", json("{\"id\":{\"inner\":1}}"));
    assertThat(malformed(body, NETSUITE).field()).isEqualTo("events[0].record.id");

    body = sample(Samples.NETSUITE);
    netsuiteEvent(body, 0).put("recordType", 5);
    assertThat(malformed(body, NETSUITE).field()).isEqualTo("events[0].recordType");

    body = sample(Samples.NETSUITE);
    ((ObjectNode) netsuiteEvent(body, 0).get("record")).put("fields", "x");
    assertThat(malformed(body, NETSUITE).field()).isEqualTo("events[0].record.fields");

    body = sample(Samples.NETSUITE);
    netsuiteEvent(body, 0).put("eventType", "moved");
    assertThat(malformed(body, NETSUITE).field()).isEqualTo("events[0].eventType");

    body = sample(Samples.NETSUITE);
    netsuiteEvent(body, 0).put("timestamp", "soon");
    assertThat(malformed(body, NETSUITE).field()).isEqualTo("events[0].timestamp");

    body = sample(Samples.NETSUITE);
    netsuiteEvent(body, 0).set("deliveryId", json("[1]"));
    assertThat(malformed(body, NETSUITE).field()).isEqualTo("events[0].deliveryId");
  }

  @Test
  void theKeyObjectIsChecked() {
    assertThat(malformed(json("{\"entity\":\"e\",\"key\":\"1\"}"), null).field()).isEqualTo("key");
    assertThat(malformed(json("{\"entity\":\"e\",\"key\":{}}"), null).field()).isEqualTo("key");
    assertThat(malformed(json("{\"entity\":\"e\",\"key\":{\"a\":null}}"), null).field())
        .isEqualTo("key.a");
    assertThat(malformed(json("{\"entity\":\"e\",\"key\":{\"a\":[1]}}"), null).field())
        .isEqualTo("key.a");
  }

  @Test
  void limitsTextLengths() {
    String longText = "x".repeat(513);
    assertThat(
            malformed(json("{\"entity\":\"" + longText + "\",\"key\":{\"id\":1}}"), null).field())
        .isEqualTo("entity");
    assertThat(
            malformed(json("{\"entity\":\"e\",\"key\":{\"id\":\"" + longText + "\"}}"), null)
                .field())
        .isEqualTo("key.id");
    assertThat(malformed(json("{\"entity\":\"e\",\"key\":{\"" + longText + "\":1}}"), null).field())
        .isEqualTo("key." + longText);
    assertThat(
            malformed(
                    json("{\"entity\":\"e\",\"key\":{\"id\":1},\"eventId\":\"" + longText + "\"}"),
                    null)
                .field())
        .isEqualTo("eventId");
  }

  @Test
  void theEventsPathMustLeadToAnArray() {
    JsonNode body = sample(Samples.NETSUITE);
    ((ObjectNode) body).remove("events");
    assertThat(malformed(body, NETSUITE).field()).isEqualTo("events");

    ((ObjectNode) body).put("events", "none");
    assertThat(malformed(body, NETSUITE).field()).isEqualTo("events");

    ((ObjectNode) body).set("events", json("[]"));
    MalformedWebhookException empty = malformed(body, NETSUITE);
    assertThat(empty.field()).isNull();
    assertThat(empty.getMessage()).contains("no event");

    ((ObjectNode) body).set("events", json("[1]"));
    assertThat(malformed(body, NETSUITE).field()).isEqualTo("events[0]");
  }

  @Test
  void theBodyMustBeAnObjectOrArray() {
    assertThat(malformed(json("\"text\""), null).field()).isNull();
    assertThat(malformed(null, null).field()).isNull();
    assertThat(malformed(json("[]"), null).getMessage()).contains("no event");
  }

  @Test
  void anEventTooDeepToWriteCannotBeIdentified() {
    ObjectNode deep = Samples.MAPPER.createObjectNode();
    ObjectNode inner = deep;
    for (int i = 0; i < 1_100; i++) {
      inner = inner.putObject("n");
    }
    JsonNode body =
        json(
            "[{\"entity\":\"e\",\"key\":{\"id\":1},\"eventId\":\"given\"},{\"entity\":\"e\",\"key\":{\"id\":2}}]");
    ((ObjectNode) body.get(1)).set("values", deep);

    MalformedWebhookException e = malformed(body, null);

    assertThat(e.field()).isEqualTo("[1]");
    assertThat(e.getMessage()).contains("identify");
  }

  @Test
  void moreThanAThousandEventsAreRejected() {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < 1001; i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"entity\":\"e\",\"key\":{\"id\":")
          .append(i)
          .append("}}");
    }
    MalformedWebhookException e = malformed(json(body.append(']').toString()), null);

    assertThat(e.field()).isNull();
    assertThat(e.getMessage()).contains("1001");
  }
}
