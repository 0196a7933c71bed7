package com.tgm.erpsync.webhook.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.contracts.ErpType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** The sample webhooks under {@code src/test/resources/webhooks} and requests to send them in. */
final class Samples {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final WebhookFormats FORMATS = new WebhookFormats(MAPPER);

  static final String SAP_STRUCTURED = "sap-equipment-changed-structured.json";
  static final String SAP_BINARY_DATA = "sap-maintenance-order-created-binary.json";
  static final String SAP_BATCH = "sap-batch.json";
  static final String BUSINESS_CENTRAL = "business-central-notifications.json";
  static final String DATAVERSE = "dataverse-account-update.json";
  static final String FINANCE_OPERATIONS = "finance-operations-business-event.json";
  static final String NETSUITE = "netsuite-work-orders.json";

  /** The connection settings a NetSuite user-event script posting {@link #NETSUITE} needs. */
  static final Map<String, Object> NETSUITE_SETTINGS =
      Map.of(
          "eventsPath", "$.events",
          "entityPath", "recordType",
          "keyPaths", Map.of("internalId", "record.id"),
          "changeTypePath", "eventType",
          "eventIdPath", "deliveryId",
          "occurredAtPath", "timestamp",
          "valuesPath", "record.fields");

  /** The headers S/4HANA sends with {@link #SAP_BINARY_DATA} in binary mode. */
  static final Map<String, String> SAP_BINARY_HEADERS =
      Map.of(
          "ce-specversion", "1.0",
          "ce-id", "4f6a1c2e-9d3b-4e8f-a1b2-c3d4e5f6a7b8",
          "ce-source", "/default/sap.s4.beh/S4HCLNT100",
          "ce-type", "sap.s4.beh.maintenanceorder.v1.MaintenanceOrder.Created.v1",
          "ce-time", "2026-11-27T10:05:12.345Z",
          "ce-subject", "4000123",
          "content-type", "application/json");

  private Samples() {}

  static JsonNode sample(String name) {
    try (InputStream in = Samples.class.getResourceAsStream("/webhooks/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample " + name);
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static InboundWebhook request(WebhookRoute route, ErpType erpType) {
    return request(route, erpType, "application/json", Map.of("content-type", "application/json"));
  }

  static InboundWebhook request(
      WebhookRoute route, ErpType erpType, String mediaType, Map<String, String> headers) {
    return new InboundWebhook(route, erpType, headers, mediaType);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
