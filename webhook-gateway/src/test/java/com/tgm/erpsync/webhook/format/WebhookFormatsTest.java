package com.tgm.erpsync.webhook.format;

import static com.tgm.erpsync.webhook.format.Samples.FORMATS;
import static com.tgm.erpsync.webhook.format.Samples.json;
import static com.tgm.erpsync.webhook.format.Samples.request;
import static com.tgm.erpsync.webhook.format.Samples.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.contracts.ErpType;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Format detection and which route takes which format. */
class WebhookFormatsTest {

  /** A sample body, the request it comes in and the format it is. */
  private record Case(String format, JsonNode body, String mediaType, Map<String, String> headers) {
    InboundWebhook on(WebhookRoute route) {
      return request(route, ErpType.SAP_S4HANA, mediaType, headers);
    }
  }

  private static final WebhookMapping NETSUITE = WebhookMapping.from(Samples.NETSUITE_SETTINGS);

  private static List<Case> cases() {
    Map<String, String> json = Map.of("content-type", "application/json");
    return List.of(
        new Case(
            "cloudevents-structured",
            sample(Samples.SAP_STRUCTURED),
            "application/cloudevents+json",
            Map.of("content-type", "application/cloudevents+json")),
        new Case(
            "cloudevents-binary",
            sample(Samples.SAP_BINARY_DATA),
            "application/json",
            Samples.SAP_BINARY_HEADERS),
        new Case(
            "cloudevents-batch",
            sample(Samples.SAP_BATCH),
            "application/cloudevents-batch+json",
            Map.of("content-type", "application/cloudevents-batch+json")),
        new Case("business-central", sample(Samples.BUSINESS_CENTRAL), "application/json", json),
        new Case("dataverse", sample(Samples.DATAVERSE), "application/json", json),
        new Case(
            "finance-operations", sample(Samples.FINANCE_OPERATIONS), "application/json", json),
        new Case("generic", sample(Samples.NETSUITE), "application/json", json));
  }

  private static Stream<Arguments> everyRouteAndFormat() {
    return Stream.of(WebhookRoute.values())
        .flatMap(route -> cases().stream().map(c -> Arguments.of(route, c.format())));
  }

  private static boolean accepts(WebhookRoute route, String format) {
    return switch (route) {
      case GENERIC -> true;
      case SAP -> format.startsWith("cloudevents-");
      case DYNAMICS ->
          List.of("business-central", "dataverse", "finance-operations").contains(format);
      case ORACLE -> format.equals("generic");
    };
  }

  @ParameterizedTest
  @MethodSource("everyRouteAndFormat")
  void eachRouteTakesOnlyItsFormats(WebhookRoute route, String format) throws Exception {
    Case sample = cases().stream().filter(c -> c.format().equals(format)).findFirst().orElseThrow();

    if (accepts(route, format)) {
      ParsedWebhook parsed = FORMATS.read(sample.on(route), sample.body(), NETSUITE);
      assertThat(parsed.format()).isEqualTo(format);
      assertThat(parsed.events()).isNotEmpty();
    } else {
      assertThatThrownBy(() -> FORMATS.read(sample.on(route), sample.body(), NETSUITE))
          .isInstanceOfSatisfying(
              MalformedWebhookException.class,
              e -> {
                assertThat(e.field()).isNull();
                assertThat(e.getMessage())
                    .contains(route.name().toLowerCase() + " webhook route accepts")
                    .contains(format);
              });
    }
  }

  @Test
  void theRouteMessageSaysWhatItExpects() {
    Case generic = cases().get(6);

    assertThatThrownBy(() -> FORMATS.read(generic.on(WebhookRoute.SAP), generic.body(), NETSUITE))
        .hasMessageContaining("CloudEvents");
    assertThatThrownBy(
            () -> FORMATS.read(generic.on(WebhookRoute.DYNAMICS), generic.body(), NETSUITE))
        .hasMessageContaining("Business Central")
        .hasMessageContaining("Dataverse")
        .hasMessageContaining("Finance & Operations");
    Case dataverse = cases().get(4);
    assertThatThrownBy(
            () -> FORMATS.read(dataverse.on(WebhookRoute.ORACLE), dataverse.body(), null))
        .hasMessageContaining("generic JSON");
  }

  @Test
  void theRouteIsCheckedBeforeTheBodyIsRead() {
    JsonNode brokenCloudEvent = json("{\"specversion\":\"0.1\"}");

    assertThatThrownBy(
            () ->
                FORMATS.read(
                    request(WebhookRoute.ORACLE, ErpType.ORACLE_NETSUITE), brokenCloudEvent, null))
        .hasMessageContaining("oracle webhook route accepts");
  }

  @Test
  void theCloudEventsHeaderWinsOverTheBody() throws Exception {
    ParsedWebhook parsed =
        FORMATS.read(
            request(
                WebhookRoute.GENERIC,
                ErpType.SAP_S4HANA,
                "application/json",
                Samples.SAP_BINARY_HEADERS),
            json("{\"entity\":\"x\",\"key\":{\"id\":1},\"MaintenanceOrder\":\"4000123\"}"),
            null);

    assertThat(parsed.format()).isEqualTo("cloudevents-binary");
    assertThat(parsed.events().get(0).entity()).isEqualTo("MaintenanceOrder");
  }

  @Test
  void aValueArrayWithoutSubscriptionsIsGenericJson() throws Exception {
    ParsedWebhook parsed =
        FORMATS.read(
            request(WebhookRoute.GENERIC, ErpType.ORACLE_CLOUD),
            json("{\"value\":[{\"entity\":\"assets\",\"key\":{\"id\":1}}]}"),
            WebhookMapping.from(Map.of("eventsPath", "value")));

    assertThat(parsed.format()).isEqualTo("generic");
    assertThat(parsed.events().get(0).key()).isEqualTo(Map.of("id", "1"));
  }

  @Test
  void aMissingRouteIsTreatedAsGeneric() throws Exception {
    ParsedWebhook parsed =
        FORMATS.read(new InboundWebhook(null, null, null, null), sample(Samples.DATAVERSE), null);

    assertThat(parsed.format()).isEqualTo("dataverse");
  }
}
