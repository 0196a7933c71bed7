package com.tgm.erpsync.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.sandbox.core.SandboxOptions;
import com.tgm.erpsync.sandbox.core.SapSandbox;
import com.tgm.erpsync.sandbox.core.journal.JournalEntry;
import com.tgm.erpsync.sandbox.core.journal.JournalFilter;
import com.tgm.erpsync.sandbox.core.tls.ClientIdentity;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.RealInfrastructureExtension;
import com.tgm.erpsync.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The guide end to end against SAP ECC: a custom SEGW service ({@code ZPM_EQUIPMENT_SRV}) over
 * mutual TLS. An admin creates an ECC connection that authenticates with a client certificate
 * (PKCS#12, trusting the system's self-signed server certificate), tests it, maps UNIT to {@code
 * ZPM_EQUIPMENT_SRV/EquipmentSet}, runs a full sync of 2,000 equipment records into TGM, changes 50
 * units in TGM and runs an incremental sync: ECC receives exactly those 50 writes, each with a CSRF
 * token and the record's ETag, and without an Authorization header (the certificate is the
 * credential).
 */
@ExtendWith(RealInfrastructureExtension.class)
class EccEndToEndIT {
  private static final int RECORDS = 2_000;
  private static final int CHANGED = 50;

  @Test
  void fullInboundThenOutboundIncrementalWithAClientCertificate(
      KafkaEndpoint kafka, TestDatabase database) throws Exception {
    try (SapSandbox ecc =
            SapSandbox.start(
                SandboxOptions.builder()
                    .systemId("ECC")
                    .equipmentCount(1)
                    .eccEquipmentCount(RECORDS)
                    .build());
        SapSandbox stranger =
            SapSandbox.start(
                SandboxOptions.builder().equipmentCount(1).eccEquipmentCount(1).build());
        SapStack stack = SapStack.start(kafka, database, "ecc-admin")) {
      String base = ecc.eccBaseUri() + "/sap/opu/odata/sap";
      String serverPem = ecc.serverCertificatePem();

      // a client certificate ECC issued: mutual TLS succeeds
      ClientIdentity trusted = ecc.issueClientCertificate("TGM_SYNC");
      long connectionId =
          stack.createConnection(connectionJson("Plant ECC", base, trusted, serverPem));
      JsonNode tested = stack.testConnection(connectionId);
      assertThat(tested.path("status").asText()).as(tested.toString()).isEqualTo("success");
      assertThat(tested.path("message").asText()).isEqualTo("Successfully connected to SAP ECC");

      // a certificate from another CA: the handshake fails, and the message says it is TLS
      ClientIdentity untrusted = stranger.issueClientCertificate("TGM_SYNC");
      long strangerId =
          stack.createConnection(connectionJson("Untrusted ECC", base, untrusted, serverPem));
      JsonNode failed = stack.testConnection(strangerId);
      assertThat(failed.path("status").asText()).as(failed.toString()).isEqualTo("failure");
      assertThat(failed.path("message").asText()).as(failed.toString()).startsWith("TLS error");

      // UNIT <-> the custom service's entity set, named SERVICE/EntitySet in the mapping
      stack.createMapping(connectionId, MAPPING);

      ecc.journal().clear();
      JsonNode full = stack.runSync(connectionId, "full");
      assertThat(full.path("status").asText()).as(full.toString()).isEqualTo("COMPLETED");
      assertThat(full.path("errorCount").asLong()).as(full.toString()).isZero();
      assertThat(full.path("successCount").asLong()).as(full.toString()).isEqualTo(RECORDS);
      // a bidirectional job also looks at the other direction: the 2,000 units, unchanged, skipped
      assertThat(full.path("processedRecords").asLong())
          .as(full.toString())
          .isEqualTo(full.path("totalRecords").asLong())
          .isEqualTo(full.path("successCount").asLong() + full.path("skipCount").asLong());
      assertThat(stack.count("SELECT count(*) FROM tgm.unit")).isEqualTo(RECORDS);
      assertThat(stack.count("SELECT count(DISTINCT serial_number) FROM tgm.unit"))
          .isEqualTo(RECORDS);
      assertThat(stack.count("SELECT count(*) FROM orchestrator.sync_ledger")).isEqualTo(RECORDS);
      // the extract read the custom service, and wrote nothing
      assertThat(ecc.journal().count(JournalFilter.all().pathContains("ZPM_EQUIPMENT_SRV")))
          .isPositive();
      assertThat(ecc.journal().count(JournalFilter.all().pathContains("API_EQUIPMENT"))).isZero();
      assertThat(SapStack.appliedWritesByPath(ecc)).isEmpty();

      // 50 units changed in TGM, then an incremental sync
      stack.update(
          "UPDATE tgm.unit SET name = left(name, 20) || ' (overhauled)'"
              + " WHERE id IN (SELECT id FROM tgm.unit ORDER BY id LIMIT "
              + CHANGED
              + ")");
      ecc.journal().clear();
      JsonNode incremental = stack.runSync(connectionId, "incremental");
      assertThat(incremental.path("status").asText())
          .as(incremental.toString())
          .isEqualTo("COMPLETED");
      assertThat(incremental.path("errorCount").asLong()).as(incremental.toString()).isZero();

      List<JournalEntry> writes =
          ecc.journal().find(JournalFilter.all().pathContains("EquipmentSet(")).stream()
              .filter(e -> !e.method().equalsIgnoreCase("GET"))
              .filter(e -> !e.method().equalsIgnoreCase("HEAD"))
              .toList();
      assertThat(writes).hasSize(CHANGED);
      assertThat(writes)
          .allSatisfy(
              write -> {
                assertThat(write.path()).contains("/sap/opu/odata/sap/ZPM_EQUIPMENT_SRV/");
                assertThat(write.status()).isEqualTo(204);
                assertThat(write.header("X-CSRF-Token")).isNotBlank().isNotEqualTo("Fetch");
                assertThat(write.header("If-Match")).isNotBlank();
                assertThat(write.header("Authorization")).isNull();
                assertThat(write.body()).contains("(overhauled)");
              });
      Map<String, Integer> applied = SapStack.appliedWritesByPath(ecc);
      assertThat(applied).hasSize(CHANGED);
      assertThat(applied.values()).containsOnly(1);
      assertThat(
              ecc.journal().count(JournalFilter.all().method("POST").pathContains("EquipmentSet")))
          .isZero();
      // what TGM changed is what ECC now holds
      List<String> held = new ArrayList<>();
      for (int i = 0; i < RECORDS; i++) {
        ecc.store("EquipmentSet")
            .get(String.format("%018d", 10_000_000L + i))
            .map(record -> String.valueOf(record.get("Eqktx")))
            .filter(text -> text.endsWith(" (overhauled)"))
            .ifPresent(held::add);
      }
      assertThat(held)
          .containsExactlyInAnyOrderElementsOf(
              stack.strings("SELECT name FROM tgm.unit WHERE name LIKE '%(overhauled)'"));
    }
  }

  private static final String MAPPING =
      """
      {"tgmEntityType": "UNIT", "erpEntityName": "ZPM_EQUIPMENT_SRV/EquipmentSet",
       "syncEnabled": true, "syncDirection": "BIDIRECTIONAL", "conflictResolution": "ERP_WINS",
       "batchSize": 500, "deltaField": "Aedat",
       "fieldMappings": [
        {"tgmField": "serialNumber", "erpField": "Serge", "fieldType": "STRING",
         "syncDirection": "INBOUND", "isKeyField": true},
        {"tgmField": "name", "erpField": "Eqktx", "fieldType": "STRING",
         "syncDirection": "BIDIRECTIONAL", "required": true},
        {"tgmField": "manufacturer", "erpField": "Herst", "fieldType": "STRING",
         "syncDirection": "INBOUND"},
        {"tgmField": "model", "erpField": "Typbz", "fieldType": "STRING",
         "syncDirection": "INBOUND"}]}
      """;

  /**
   * An ECC connection with CERTIFICATE auth: the PKCS#12 keystore (base64) as {@code certificate},
   * its password as {@code password}, and the server's self-signed certificate to trust.
   */
  private static String connectionJson(
      String name, String base, ClientIdentity identity, String serverPem) throws Exception {
    Map<String, Object> connection =
        Map.ofEntries(
            Map.entry("name", name),
            Map.entry("description", "SAP ECC 6.0 through SAP Gateway"),
            Map.entry("erpType", "SAP_ECC"),
            Map.entry("authType", "CERTIFICATE"),
            Map.entry("baseUrl", base),
            Map.entry("certificate", Base64.getEncoder().encodeToString(identity.pkcs12())),
            Map.entry("password", new String(identity.password())),
            Map.entry("sapClient", "100"),
            Map.entry("sapSystemId", "ECC"),
            Map.entry("sapLanguage", "EN"),
            Map.entry("enabled", true),
            Map.entry("syncEnabled", true),
            Map.entry("syncDirection", "BIDIRECTIONAL"),
            Map.entry("syncIntervalMinutes", 60),
            Map.entry("webhookEnabled", false),
            Map.entry("maxRetries", 1),
            Map.entry("retryDelaySeconds", 1),
            Map.entry("rateLimitRequests", 1000),
            Map.entry("rateLimitPeriodSeconds", 1),
            Map.entry(
                "connectionSettings",
                Map.of("serverCertificate", serverPem, "testService", "ZPM_EQUIPMENT_SRV")));
    return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(connection);
  }
}
