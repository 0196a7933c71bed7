package com.tgm.erpsync.webhook.format;

import static com.tgm.erpsync.webhook.format.Samples.FORMATS;
import static com.tgm.erpsync.webhook.format.Samples.json;
import static com.tgm.erpsync.webhook.format.Samples.request;
import static com.tgm.erpsync.webhook.format.Samples.sample;
import static com.tgm.erpsync.webhook.format.Samples.sha256;
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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BusinessCentralFormatTest {
  private static final String COMPANY = "companies(b18aed47-c385-49d2-b954-dbdf8ad71780)";
  private static final String CREATED_RESOURCE =
      "https://api.businesscentral.dynamics.com/v2.0/7e1f6c2a-0d7b-4a8e-9f3c-2b5d6e7f8a9b/"
          + "production/api/v2.0/"
          + COMPANY
          + "/customers(130bbd17-dbb9-4790-9b12-2b0e9c9d22c3)";
  private static final String UPDATED_RESOURCE =
      "api/v2.0/" + COMPANY + "/items(26814998-936a-401c-81c1-0e848a64971d)";
  private static final String DELETED_RESOURCE =
      "/api/tgm/maintenance/v1.0/" + COMPANY + "/fixedAssets(4b4f31f0-dc1c-4033-b2aa-ab03ca1d6ebc)";
  private static final String COLLECTION_RESOURCE =
      "/api/v2.0/"
          + COMPANY
          + "/customers?$filter=lastModifiedDateTime%20gt%202026-11-27T09:00:00Z";

  private static InboundWebhook dynamics() {
    return request(WebhookRoute.DYNAMICS, ErpType.DYNAMICS_365_BC);
  }

  private static JsonNode notifications() {
    return sample(Samples.BUSINESS_CENTRAL);
  }

  private static ObjectNode notification(JsonNode body, int index) {
    return (ObjectNode) body.get("value").get(index);
  }

  private static MalformedWebhookException malformed(JsonNode body) {
    try {
      ParsedWebhook parsed = FORMATS.read(dynamics(), body, null);
      throw new AssertionError("expected a malformed webhook, got " + parsed);
    } catch (MalformedWebhookException e) {
      return e;
    }
  }

  private static ChangeEvent only(String resource, String changeType) throws Exception {
    ObjectNode body = (ObjectNode) notifications();
    ArrayNode value = (ArrayNode) body.get("value");
    ObjectNode first = notification(body, 0);
    first.put("resource", resource);
    first.put("changeType", changeType);
    value.removeAll();
    value.add(first);
    return FORMATS.read(dynamics(), body, null).events().get(0);
  }

  @Test
  void readsEveryNotification() throws Exception {
    ParsedWebhook parsed = FORMATS.read(dynamics(), notifications(), null);

    assertThat(parsed.format()).isEqualTo("business-central");
    assertThat(parsed.bodySecrets())
        .containsExactly(
            "s3cr3t-client-state",
            "s3cr3t-client-state",
            "s3cr3t-client-state",
            "s3cr3t-client-state");
    assertThat(parsed.events())
        .containsExactly(
            new ChangeEvent(
                "customers",
                Map.of("id", "130bbd17-dbb9-4790-9b12-2b0e9c9d22c3"),
                ErpChangeType.CREATED,
                null,
                null,
                sha256("webhookCustomersId|" + CREATED_RESOURCE + "|created|2026-11-27T10:00:00Z"),
                "webhookCustomersId",
                Instant.parse("2026-11-27T10:00:00Z")),
            new ChangeEvent(
                "items",
                Map.of("id", "26814998-936a-401c-81c1-0e848a64971d"),
                ErpChangeType.UPDATED,
                null,
                null,
                sha256("webhookItemsId|" + UPDATED_RESOURCE + "|updated|2026-11-27T10:05:12.345Z"),
                "webhookItemsId",
                Instant.parse("2026-11-27T10:05:12.345Z")),
            new ChangeEvent(
                "fixedAssets",
                Map.of("id", "4b4f31f0-dc1c-4033-b2aa-ab03ca1d6ebc"),
                ErpChangeType.DELETED,
                null,
                null,
                sha256("webhookAssetsId|" + DELETED_RESOURCE + "|deleted|2026-11-27T09:58:03Z"),
                "webhookAssetsId",
                Instant.parse("2026-11-27T09:58:03Z")),
            new ChangeEvent(
                "customers",
                Map.of(),
                ErpChangeType.COLLECTION,
                null,
                "lastModifiedDateTime gt 2026-11-27T09:00:00Z",
                sha256(
                    "webhookCustomersId|"
                        + COLLECTION_RESOURCE
                        + "|collection|2026-11-27T10:00:00Z"),
                "webhookCustomersId",
                Instant.parse("2026-11-27T10:00:00Z")));
  }

  @Test
  void theEventIdIsStableAcrossRedeliveries() throws Exception {
    String first = FORMATS.read(dynamics(), notifications(), null).events().get(1).eventId();
    String again = FORMATS.read(dynamics(), notifications(), null).events().get(1).eventId();

    assertThat(again).isEqualTo(first).hasSize(64);
  }

  @Test
  void aCollectionWithoutFilterMeansReReadAll() throws Exception {
    ChangeEvent event = only("/api/v2.0/" + COMPANY + "/customers", "collection");

    assertThat(event.changeType()).isEqualTo(ErpChangeType.COLLECTION);
    assertThat(event.entity()).isEqualTo("customers");
    assertThat(event.key()).isEmpty();
    assertThat(event.filter()).isNull();
  }

  @Test
  void aFilterKeepsItsPlusSign() throws Exception {
    ChangeEvent event =
        only(
            "/api/v2.0/"
                + COMPANY
                + "/salesInvoices?$top=5&%24filter=lastModifiedDateTime%20gt%202026-11-27T09:00:00+01:00",
            "collection");

    assertThat(event.entity()).isEqualTo("salesInvoices");
    assertThat(event.filter()).isEqualTo("lastModifiedDateTime gt 2026-11-27T09:00:00+01:00");
  }

  @Test
  void readsQuotedAndEncodedKeys() throws Exception {
    assertThat(only("/api/v2.0/" + COMPANY + "/items('1896-S')", "updated").key())
        .isEqualTo(Map.of("id", "1896-S"));
    assertThat(only("/api/v2.0/" + COMPANY + "/items(%27O%27%27Brien%27)", "updated").key())
        .isEqualTo(Map.of("id", "O'Brien"));
  }

  @Test
  void theChangeTypeIgnoresCase() throws Exception {
    assertThat(only(UPDATED_RESOURCE, "Deleted").changeType()).isEqualTo(ErpChangeType.DELETED);
  }

  @Test
  void aMissingClientStateFailsTheSecretCheck() throws Exception {
    JsonNode body = notifications();
    notification(body, 1).remove("clientState");
    notification(body, 2).putNull("clientState");
    notification(body, 3).put("clientState", 12);

    assertThat(FORMATS.read(dynamics(), body, null).bodySecrets())
        .containsExactly("s3cr3t-client-state", "", "", "");
  }

  @Test
  void aMissingLastModifiedDateTimeLeavesOccurredAtEmpty() throws Exception {
    JsonNode body = notifications();
    notification(body, 1).remove("lastModifiedDateTime");

    ChangeEvent event = FORMATS.read(dynamics(), body, null).events().get(1);

    assertThat(event.occurredAt()).isNull();
    assertThat(event.eventId())
        .isEqualTo(sha256("webhookItemsId|" + UPDATED_RESOURCE + "|updated|"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"resource", "changeType", "subscriptionId"})
  void aMissingFieldIsNamed(String field) {
    JsonNode body = notifications();
    notification(body, 2).remove(field);

    assertThat(malformed(body).field()).isEqualTo("value[2]." + field);
  }

  @Test
  void anUnknownChangeTypeIsNamed() {
    JsonNode body = notifications();
    notification(body, 1).put("changeType", "moved");

    MalformedWebhookException e = malformed(body);

    assertThat(e.field()).isEqualTo("value[1].changeType");
    assertThat(e.getMessage()).contains("moved");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://api.businesscentral.dynamics.com|updated",
        "/api/v2.0/companies(1)/customers()|updated",
        "/api/v2.0/companies(1)/customers|updated",
        "/api/v2.0/companies(1)/customers(1)|collection",
        "/api/v2.0/companies(1)/9customers(1)|updated",
        "/api/v2.0/companies(1)/customers(1|updated",
        "/api/v2.0/companies(1)/customers(%zz)|updated",
        "/api/v2.0/companies(1)/customers?$filter=a%2|collection"
      })
  void anUnreadableResourceIsNamed(String resource, String changeType) {
    JsonNode body = notifications();
    notification(body, 3).put("resource", resource);
    notification(body, 3).put("changeType", changeType);

    assertThat(malformed(body).field()).isEqualTo("value[3].resource");
  }

  @Test
  void aBadTimestampIsNamed() {
    JsonNode body = notifications();
    notification(body, 0).put("lastModifiedDateTime", "2026-11-27");

    assertThat(malformed(body).field()).isEqualTo("value[0].lastModifiedDateTime");
  }

  @Test
  void aNotificationMustBeAnObject() {
    JsonNode body = notifications();
    ((ArrayNode) body.get("value")).add("oops");

    assertThat(malformed(body).field()).isEqualTo("value[4]");
  }

  @Test
  void anEmptyBatchCarriesNoEvent() {
    MalformedWebhookException e = malformed(json("{\"value\":[]}"));

    assertThat(e.field()).isNull();
    assertThat(e.getMessage()).contains("no event");
  }

  @Test
  void aTooLongIdIsNamed() {
    JsonNode body = notifications();
    notification(body, 0)
        .put("resource", "/api/v2.0/" + COMPANY + "/customers(" + "1".repeat(513) + ")");

    assertThat(malformed(body).field()).isEqualTo("value[0].resource");
  }

  @Test
  void moreThanAThousandNotificationsAreRejected() {
    JsonNode body = notifications();
    ArrayNode value = (ArrayNode) body.get("value");
    JsonNode first = value.get(0);
    for (int i = value.size(); i <= 1000; i++) {
      value.add(first.deepCopy());
    }

    MalformedWebhookException e = malformed(body);

    assertThat(e.field()).isEqualTo("value");
    assertThat(e.getMessage()).contains("1001");
  }
}
