package com.tgm.erpsync.webhook.format;

import static com.tgm.erpsync.webhook.format.Samples.FORMATS;
import static com.tgm.erpsync.webhook.format.Samples.request;
import static com.tgm.erpsync.webhook.format.Samples.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.change.ErpChangeType;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataverseFormatTest {
  private static final String ACCOUNT_ID = "a8a19cdd-88df-e311-b8e5-6c3be5a8b200";

  private static InboundWebhook dynamics() {
    return request(WebhookRoute.DYNAMICS, ErpType.DYNAMICS_365_FO);
  }

  private static ObjectNode context() {
    return (ObjectNode) sample(Samples.DATAVERSE);
  }

  private static ChangeEvent read(ObjectNode context) throws MalformedWebhookException {
    ParsedWebhook parsed = FORMATS.read(dynamics(), context, null);
    assertThat(parsed.format()).isEqualTo("dataverse");
    assertThat(parsed.bodySecrets()).isEmpty();
    assertThat(parsed.events()).hasSize(1);
    return parsed.events().get(0);
  }

  private static MalformedWebhookException malformed(ObjectNode context) {
    try {
      ParsedWebhook parsed = FORMATS.read(dynamics(), context, null);
      throw new AssertionError("expected a malformed webhook, got " + parsed);
    } catch (MalformedWebhookException e) {
      return e;
    }
  }

  @Test
  void readsAnAccountUpdateAsKeyOnlyEvenWithAPostImage() throws Exception {
    ChangeEvent event = read(context());

    // the post-image holds only the columns its step registered: the row is fetched whole
    assertThat(event)
        .isEqualTo(
            new ChangeEvent(
                "account",
                Map.of("accountid", ACCOUNT_ID),
                ErpChangeType.UPDATED,
                null,
                null,
                "4af10637-4ea2-e711-8122-000d3aa2331c",
                "org7c1d9e2f",
                Instant.parse("2026-11-27T10:00:00Z")));
  }

  @ParameterizedTest
  @CsvSource({
    "Create, CREATED",
    "Delete, DELETED",
    "Update, UPDATED",
    "Assign, UPDATED",
    "SetState, UPDATED"
  })
  void mapsTheMessage(String message, ErpChangeType expected) throws Exception {
    ObjectNode context = context();
    context.put("MessageName", message);

    assertThat(read(context).changeType()).isEqualTo(expected);
  }

  @Test
  void aDeleteCarriesNoValues() throws Exception {
    ObjectNode context = context();
    context.put("MessageName", "Delete");

    assertThat(read(context).values()).isNull();
  }

  @Test
  void theEventIdPrefersTheRequestId() throws Exception {
    ObjectNode context = context();
    context.put("RequestId", "11111111-2222-3333-4444-555555555555");
    assertThat(read(context).eventId()).isEqualTo("11111111-2222-3333-4444-555555555555");

    context.putNull("RequestId");
    context.put("OperationId", "00000000-0000-0000-0000-000000000000");
    assertThat(read(context).eventId())
        .isEqualTo("b374239d-4233-41a9-8b17-a86cb4f737b5:" + ACCOUNT_ID);

    context.remove("CorrelationId");
    assertThat(malformed(context).field()).isEqualTo("RequestId");
  }

  @Test
  void theSourceFallsBackToTheOrganizationId() throws Exception {
    ObjectNode context = context();
    context.remove("OrganizationName");
    assertThat(read(context).source()).isEqualTo("4ef5b371-e89e-e711-8122-000d3aa2331c");

    context.remove("OrganizationId");
    assertThat(read(context).source()).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "/Date(1795773600000)/, 2026-11-27T10:00:00Z",
    "/Date(1795773600000-0700)/, 2026-11-27T10:00:00Z",
    "2026-11-27T11:00:00+01:00, 2026-11-27T10:00:00Z"
  })
  void readsTheOperationTime(String text, Instant expected) throws Exception {
    ObjectNode context = context();
    context.put("OperationCreatedOn", text);

    assertThat(read(context).occurredAt()).isEqualTo(expected);
  }

  @Test
  void aBadOperationTimeIsNamed() {
    ObjectNode context = context();
    context.put("OperationCreatedOn", "/Date(abc)/");

    assertThat(malformed(context).field()).isEqualTo("OperationCreatedOn");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PrimaryEntityId", "PrimaryEntityName", "MessageName"})
  void aMissingIdentityIsNamed(String field) {
    ObjectNode context = context();
    context.putNull(field);

    assertThat(malformed(context).field()).isEqualTo(field);
  }

  @Test
  void aMissingPrimaryEntityIdIsNamed() {
    ObjectNode context = context();
    context.remove("PrimaryEntityId");

    assertThat(malformed(context).field()).isEqualTo("PrimaryEntityId");
  }

  @Test
  void aTooLongEntityIsNamed() {
    ObjectNode context = context();
    context.put("PrimaryEntityName", "a".repeat(513));

    assertThat(malformed(context).field()).isEqualTo("PrimaryEntityName");
  }
}
