package com.tgm.erpsync.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.sandbox.core.SandboxOptions;
import com.tgm.erpsync.sandbox.core.SapSandbox;
import com.tgm.erpsync.sandbox.core.journal.JournalEntry;
import com.tgm.erpsync.sandbox.core.journal.JournalFilter;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.RealInfrastructureExtension;
import com.tgm.erpsync.testsupport.TestDatabase;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The guide end to end against the SAP sandbox: every service packaged in its own JVM on one
 * database and broker, the S/4HANA simulator answering over HTTP. An admin creates the guide's
 * S/4HANA connection (OAuth 2.0 client credentials), tests it, maps UNIT to Equipment, runs a full
 * sync of 10,000 equipment records into TGM, changes 100 units in TGM and runs an incremental sync:
 * SAP receives exactly those 100 writes, each with a CSRF token and the record's ETag.
 */
@ExtendWith(RealInfrastructureExtension.class)
class SapEndToEndIT {
  private static final int RECORDS = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void fullInboundThenOutboundIncrementalThroughTheAdminApi(
      KafkaEndpoint kafka, TestDatabase database) throws Exception {
    try (SapSandbox sandbox =
            SapSandbox.start(SandboxOptions.builder().equipmentCount(RECORDS).build());
        SapStack stack = SapStack.start(kafka, database, "e2e-admin")) {
      // Step 1: the guide's S/4HANA connection, pointed at the sandbox
      String base = sandbox.baseUri().toString();
      long connectionId = stack.createConnection(connectionJson(base, "tgm-sync-secret"));

      JsonNode tested = stack.testConnection(connectionId);
      assertThat(tested.path("status").asText()).as(tested.toString()).isEqualTo("success");
      assertThat(tested.path("message").asText())
          .isEqualTo("Successfully connected to SAP S/4HANA");

      HttpResponse<String> wrong =
          stack.send("POST", "/api/admin/erp/connections", connectionJson(base, "wrong-secret"));
      JsonNode failed = stack.testConnection(JSON.readTree(wrong.body()).path("id").asLong());
      assertThat(failed.path("status").asText()).isEqualTo("failure");
      assertThat(failed.path("message").asText()).startsWith("Authentication failed");

      // Step 2: UNIT <-> Equipment
      stack.createMapping(connectionId, MAPPING);

      // a full sync: 10,000 equipment records become 10,000 units
      JsonNode full = stack.runSync(connectionId, "full");
      assertThat(full.path("status").asText()).as(full.toString()).isEqualTo("COMPLETED");
      assertThat(full.path("errorCount").asLong()).as(full.toString()).isZero();
      assertThat(full.path("successCount").asLong()).isEqualTo(RECORDS);
      assertThat(stack.count("SELECT count(*) FROM tgm.unit")).isEqualTo(RECORDS);
      assertThat(stack.count("SELECT count(*) FROM orchestrator.sync_ledger")).isEqualTo(RECORDS);
      // an inbound sync reads: no write reached SAP (the token endpoint's POSTs aside)
      assertThat(sandbox.journal().count(JournalFilter.all().method("POST").pathContains("/odata")))
          .isZero();
      assertThat(sandbox.journal().count(JournalFilter.all().method("PATCH"))).isZero();

      // 100 units changed in TGM, then an incremental sync
      stack.update(
          "UPDATE tgm.unit SET name = name || ' (overhauled)'"
              + " WHERE id IN (SELECT id FROM tgm.unit ORDER BY id LIMIT 100)");
      sandbox.journal().clear();
      JsonNode incremental = stack.runSync(connectionId, "incremental");
      assertThat(incremental.path("status").asText())
          .as(incremental.toString())
          .isEqualTo("COMPLETED");
      assertThat(incremental.path("errorCount").asLong()).as(incremental.toString()).isZero();

      // the 100 writes went as change sets of $batch requests, each batch under a CSRF token
      List<JournalEntry> batches =
          sandbox.journal().find(JournalFilter.all().method("POST").withoutBatchParts());
      assertThat(batches).isNotEmpty();
      assertThat(batches)
          .allSatisfy(
              batch -> {
                assertThat(batch.path()).endsWith("/$batch");
                assertThat(batch.status()).isEqualTo(202);
                assertThat(batch.header("X-CSRF-Token")).isNotBlank().isNotEqualTo("Fetch");
              });
      List<JournalEntry> writes = sandbox.journal().find(JournalFilter.all().method("PATCH"));
      assertThat(writes).hasSize(100).allMatch(JournalEntry::batchPart);
      assertThat(writes)
          .allSatisfy(
              write -> {
                assertThat(write.status()).isEqualTo(204);
                assertThat(write.header("X-CSRF-Token")).isNotBlank().isNotEqualTo("Fetch");
                assertThat(write.header("If-Match")).isNotBlank();
                assertThat(write.header("Authorization")).isEqualTo("Bearer");
                assertThat(write.body()).contains("(overhauled)");
              });
      assertThat(writes.stream().map(JournalEntry::path).distinct()).hasSize(100);
      assertThat(
              sandbox.journal().count(JournalFilter.all().method("POST").pathContains("Equipment")))
          .isZero();
    }
  }

  private static final String MAPPING =
      """
      {"tgmEntityType": "UNIT", "erpEntityName": "Equipment", "syncEnabled": true,
       "syncDirection": "BIDIRECTIONAL", "conflictResolution": "ERP_WINS", "batchSize": 1000,
       "deltaField": "LastChangeDateTime",
       "fieldMappings": [
        {"tgmField": "serialNumber", "erpField": "ManufacturerSerialNumber", "fieldType": "STRING",
         "syncDirection": "INBOUND", "isKeyField": true},
        {"tgmField": "name", "erpField": "EquipmentName", "fieldType": "STRING",
         "syncDirection": "BIDIRECTIONAL", "required": true},
        {"tgmField": "manufacturer", "erpField": "ManufacturerName", "fieldType": "STRING",
         "syncDirection": "INBOUND"},
        {"tgmField": "model", "erpField": "ManufacturerPartTypeName", "fieldType": "STRING",
         "syncDirection": "INBOUND"}]}
      """;

  private static String connectionJson(String sandboxBase, String secret) {
    return """
    {"name": "Production SAP %s", "description": "Main SAP S/4HANA system",
     "erpType": "SAP_S4HANA", "authType": "OAUTH2",
     "baseUrl": "%s/sap/opu/odata4/sap",
     "clientId": "tgm-sync", "clientSecret": "%s",
     "sapClient": "100", "sapSystemId": "S4H", "sapLanguage": "EN",
     "enabled": true, "syncEnabled": true, "syncDirection": "BIDIRECTIONAL",
     "syncIntervalMinutes": 60, "webhookEnabled": false,
     "connectionSettings": {"oauthTokenUrl": "%s/sap/bc/sec/oauth2/token"}}
    """
        .formatted(secret, sandboxBase, secret, sandboxBase);
  }
}
