package com.tgm.erpsync.webhook.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.tgm.erpsync.contracts.change.ErpChangeType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookMappingTest {

  private static Map<String, Object> settings(String json) throws Exception {
    return Samples.MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {});
  }

  private static void rejected(Object settings, String setting) {
    assertThatThrownBy(() -> WebhookMapping.from(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(setting + ":");
  }

  @Test
  void noSettingsIsTheDefault() {
    assertThat(WebhookMapping.from(null)).isSameAs(WebhookMapping.DEFAULT);
    assertThat(WebhookMapping.from(Map.of())).isEqualTo(WebhookMapping.DEFAULT);
  }

  @Test
  void theDefaultReadsTheStandardFields() {
    WebhookMapping mapping = WebhookMapping.DEFAULT;

    assertThat(mapping.eventsPath()).isNull();
    assertThat(mapping.entity()).isNull();
    assertThat(mapping.entityPath()).hasToString("entity");
    assertThat(mapping.keyPaths()).isEmpty();
    assertThat(mapping.keyPath()).hasToString("key");
    assertThat(mapping.changeTypePath()).hasToString("changeType");
    assertThat(mapping.eventIdPath()).hasToString("eventId");
    assertThat(mapping.occurredAtPath()).hasToString("occurredAt");
    assertThat(mapping.valuesPath()).hasToString("values");
    assertThat(mapping.businessEvents()).isEmpty();
    assertThat(mapping.changeType("XEDIT")).isEqualTo(ErpChangeType.UPDATED);
    assertThat(mapping.changeType("Created")).isEqualTo(ErpChangeType.CREATED);
    assertThat(mapping.changeType("delete")).isEqualTo(ErpChangeType.DELETED);
    assertThat(mapping.changeType("collection")).isNull();
    assertThat(mapping.changeType(null)).isNull();
  }

  @Test
  void readsEverySetting() throws Exception {
    WebhookMapping mapping =
        WebhookMapping.from(
            settings(
                """
                {
                  "eventsPath": "$.payload.events",
                  "entity": "workOrder",
                  "keyPaths": {"internalId": "record.id", "subsidiary": "record.sub[0]"},
                  "changeTypePath": "type",
                  "changeTypes": {"I": "created", "U": "UPDATED", "D": "Deleted"},
                  "eventIdPath": "meta.id",
                  "occurredAtPath": "meta.at",
                  "valuesPath": "record.fields",
                  "businessEvents": {
                    "VendorInvoicePostedBusinessEvent": {
                      "entity": "VendorInvoiceHeaders",
                      "keyPaths": {"InvoiceNumber": "InvoiceId"},
                      "changeType": "CREATED"
                    },
                    "CustomerChangedBusinessEvent": {
                      "entity": "CustomersV3",
                      "keyPaths": {"CustomerAccount": "CustAccount"}
                    }
                  }
                }
                """));

    assertThat(mapping.eventsPath()).isEqualTo(JsonPath.parse("payload.events"));
    assertThat(mapping.entity()).isEqualTo("workOrder");
    assertThat(mapping.keyPaths())
        .isEqualTo(
            Map.of(
                "internalId", JsonPath.parse("record.id"),
                "subsidiary", JsonPath.parse("record.sub[0]")));
    assertThat(mapping.changeTypePath()).hasToString("type");
    assertThat(mapping.changeTypes())
        .isEqualTo(
            Map.of(
                "i",
                ErpChangeType.CREATED,
                "u",
                ErpChangeType.UPDATED,
                "d",
                ErpChangeType.DELETED));
    assertThat(mapping.changeType("d")).isEqualTo(ErpChangeType.DELETED);
    assertThat(mapping.changeType("created")).isNull();
    assertThat(mapping.eventIdPath()).hasToString("meta.id");
    assertThat(mapping.occurredAtPath()).hasToString("meta.at");
    assertThat(mapping.valuesPath()).hasToString("record.fields");
    assertThat(mapping.businessEvents())
        .isEqualTo(
            Map.of(
                "VendorInvoicePostedBusinessEvent",
                new WebhookMapping.BusinessEvent(
                    "VendorInvoiceHeaders",
                    Map.of("InvoiceNumber", JsonPath.parse("InvoiceId")),
                    ErpChangeType.CREATED),
                "CustomerChangedBusinessEvent",
                new WebhookMapping.BusinessEvent(
                    "CustomersV3",
                    Map.of("CustomerAccount", JsonPath.parse("CustAccount")),
                    ErpChangeType.UPDATED)));
  }

  @Test
  void nullSettingsKeepTheirDefaults() {
    Map<String, Object> settings = new HashMap<>();
    settings.put("entityPath", null);
    settings.put("changeTypes", null);

    assertThat(WebhookMapping.from(settings)).isEqualTo(WebhookMapping.DEFAULT);
  }

  @Test
  void rejectsMistakesNamingTheSetting() {
    rejected("text", "connectionSettings.webhook");
    rejected(List.of(), "connectionSettings.webhook");
    rejected(Map.of("entityPth", "x"), "connectionSettings.webhook.entityPth");
    rejected(Map.of("entityPath", "a..b"), "connectionSettings.webhook.entityPath");
    rejected(Map.of("eventsPath", 5), "connectionSettings.webhook.eventsPath");
    rejected(Map.of("keyPath", "key["), "connectionSettings.webhook.keyPath");
    rejected(Map.of("changeTypePath", ""), "connectionSettings.webhook.changeTypePath");
    rejected(Map.of("eventIdPath", "$x"), "connectionSettings.webhook.eventIdPath");
    rejected(Map.of("occurredAtPath", "a b"), "connectionSettings.webhook.occurredAtPath");
    rejected(Map.of("valuesPath", List.of("x")), "connectionSettings.webhook.valuesPath");
    rejected(Map.of("entity", ""), "connectionSettings.webhook.entity");
    rejected(Map.of("entity", "x".repeat(513)), "connectionSettings.webhook.entity");
    rejected(Map.of("entity", "a", "entityPath", "b"), "connectionSettings.webhook.entity");
    rejected(
        Map.of("keyPaths", Map.of("id", "a"), "keyPath", "b"),
        "connectionSettings.webhook.keyPaths");
    rejected(Map.of("keyPaths", Map.of()), "connectionSettings.webhook.keyPaths");
    rejected(Map.of("keyPaths", "id"), "connectionSettings.webhook.keyPaths");
    rejected(Map.of("keyPaths", Map.of("id", "a[")), "connectionSettings.webhook.keyPaths.id");
    rejected(Map.of("keyPaths", Map.of("", "a")), "connectionSettings.webhook.keyPaths.");
    rejected(
        Map.of("changeTypes", Map.of("edit", "CHANGED")),
        "connectionSettings.webhook.changeTypes.edit");
    rejected(
        Map.of("changeTypes", Map.of("edit", "COLLECTION")),
        "connectionSettings.webhook.changeTypes.edit");
    rejected(
        Map.of("changeTypes", Map.of("edit", 1)), "connectionSettings.webhook.changeTypes.edit");
    rejected(Map.of("changeTypes", Map.of()), "connectionSettings.webhook.changeTypes");
    rejected(Map.of("changeTypes", List.of("CREATED")), "connectionSettings.webhook.changeTypes");
    rejected(Map.of("businessEvents", List.of()), "connectionSettings.webhook.businessEvents");
    rejected(
        Map.of("businessEvents", Map.of("E", "x")), "connectionSettings.webhook.businessEvents.E");
    rejected(
        Map.of("businessEvents", Map.of("E", Map.of("keyPaths", Map.of("id", "a")))),
        "connectionSettings.webhook.businessEvents.E.entity");
    rejected(
        Map.of("businessEvents", Map.of("E", Map.of("entity", "x"))),
        "connectionSettings.webhook.businessEvents.E.keyPaths");
    rejected(
        Map.of(
            "businessEvents",
            Map.of(
                "E", Map.of("entity", "x", "keyPaths", Map.of("id", "a"), "changeType", "MOVED"))),
        "connectionSettings.webhook.businessEvents.E.changeType");
    rejected(
        Map.of(
            "businessEvents",
            Map.of("E", Map.of("entity", "x", "keyPaths", Map.of("id", "a"), "extra", 1))),
        "connectionSettings.webhook.businessEvents.E.extra");
  }

  @Test
  void rejectsAValueMappedTwiceIgnoringCase() {
    Map<String, Object> types = new HashMap<>();
    types.put("d", "DELETED");
    types.put("D", "CREATED");

    assertThatThrownBy(() -> WebhookMapping.from(Map.of("changeTypes", types)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("connectionSettings.webhook.changeTypes.");
  }
}
