package com.tgm.erpsync.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.sandbox.core.Knobs;
import com.tgm.erpsync.sandbox.core.SandboxOptions;
import com.tgm.erpsync.sandbox.core.SapSandbox;
import com.tgm.erpsync.sandbox.core.journal.JournalEntry;
import com.tgm.erpsync.sandbox.core.journal.JournalFilter;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.RealInfrastructureExtension;
import com.tgm.erpsync.testsupport.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * connector-sap killed (SIGKILL) half-way through an outbound sync of 600 changed units and started
 * again: the job completes with exact counts, and SAP received exactly one successful write per
 * record, none twice and none missing. Commands the dead connector had executed but not committed
 * come again after the restart; a replayed update must not write a second time (a 412 answered to a
 * stale If-Match changes nothing and is no write).
 */
@ExtendWith(RealInfrastructureExtension.class)
class ConnectorRestartIT {
  private static final int RECORDS = 600;

  @Test
  void anOutboundSyncSurvivesAConnectorKilledHalfWay(KafkaEndpoint kafka, TestDatabase database)
      throws Exception {
    try (SapSandbox sandbox =
            SapSandbox.start(SandboxOptions.builder().equipmentCount(RECORDS).build());
        SapStack stack = SapStack.start(kafka, database, "restart-admin")) {
      long connectionId = stack.createConnection(connectionJson(sandbox.baseUri().toString()));
      JsonNode tested = stack.testConnection(connectionId);
      assertThat(tested.path("status").asText()).as(tested.toString()).isEqualTo("success");
      stack.createMapping(connectionId, MAPPING);

      JsonNode full = stack.runSync(connectionId, "full");
      assertThat(full.path("status").asText()).as(full.toString()).isEqualTo("COMPLETED");
      assertThat(full.path("successCount").asLong()).as(full.toString()).isEqualTo(RECORDS);
      assertThat(full.path("errorCount").asLong()).as(full.toString()).isZero();
      assertThat(stack.count("SELECT count(*) FROM tgm.unit")).isEqualTo(RECORDS);

      // every unit changed in TGM; SAP answers each call after 20 ms, so the writes take a while
      stack.update("UPDATE tgm.unit SET name = name || ' (overhauled)'");
      sandbox.knobs().apply(Knobs.Settings.defaults().withLatency(Duration.ofMillis(20)));
      sandbox.journal().clear();
      long jobId = stack.startSync(connectionId, "incremental");

      await("half of the records written")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> SapStack.appliedWritesByPath(sandbox).size() >= RECORDS / 2);
      // killed while a write is on its way: SAP applies it, the connector never hears back
      JournalEntry inFlight = awaitWriteInFlight(sandbox);
      stack.killConnector();
      int writtenAtKill = SapStack.appliedWritesByPath(sandbox).size();
      assertThat(writtenAtKill).isLessThan(RECORDS);
      await("the write in flight at the kill answered")
          .atMost(Duration.ofSeconds(10))
          .until(() -> status(sandbox, inFlight.sequence()) != 0);
      assertThat(status(sandbox, inFlight.sequence()))
          .as("the write in flight applied")
          .isEqualTo(204);
      assertThat(stack.job(jobId).path("status").asText()).isEqualTo("RUNNING");

      stack.startConnector();
      JsonNode job = stack.awaitJob(jobId, Duration.ofMinutes(3));

      // exactly one successful write per record: none twice, none missing
      Map<String, Integer> applied = SapStack.appliedWritesByPath(sandbox);
      Map<String, Integer> twice =
          applied.entrySet().stream()
              .filter(e -> e.getValue() > 1)
              .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      assertThat(twice)
          .as(
              "records written more than once (of %d written before the kill; %d writes answered"
                  + " 412)",
              writtenAtKill, sandbox.journal().count(JournalFilter.all().status(412)))
          .isEmpty();
      assertThat(applied).as("records written").hasSize(RECORDS);
      // a replayed update answered 412 wrote nothing; the job must still count the record applied
      String detail =
          job
              + " (writes answered 412: "
              + sandbox.journal().count(JournalFilter.all().status(412))
              + ")";
      assertThat(job.path("status").asText()).as(detail).isEqualTo("COMPLETED");
      assertThat(job.path("errorCount").asLong()).as(detail).isZero();
      assertThat(job.path("successCount").asLong()).as(detail).isEqualTo(RECORDS);
      assertThat(job.path("processedRecords").asLong())
          .as(detail)
          .isEqualTo(job.path("totalRecords").asLong());

      assertThat(stack.count("SELECT count(*) FROM tgm.unit WHERE name LIKE '%(overhauled)'"))
          .isEqualTo(RECORDS);
    }
  }

  private static int status(SapSandbox sandbox, long sequence) {
    return sandbox.journal().entries().stream()
        .filter(e -> e.sequence() == sequence)
        .mapToInt(JournalEntry::status)
        .findFirst()
        .orElse(-1);
  }

  /** The next write SAP has received and not yet answered (it answers after its 20 ms latency). */
  private static JournalEntry awaitWriteInFlight(SapSandbox sandbox) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      List<JournalEntry> pending =
          sandbox.journal().find(JournalFilter.all().method("PATCH").status(0));
      if (!pending.isEmpty()) {
        return pending.get(pending.size() - 1);
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("no write in flight within 30 s");
  }

  private static final String MAPPING =
      """
      {"tgmEntityType": "UNIT", "erpEntityName": "Equipment", "syncEnabled": true,
       "syncDirection": "BIDIRECTIONAL", "conflictResolution": "ERP_WINS", "batchSize": 100,
       "deltaField": "LastChangeDateTime",
       "fieldMappings": [
        {"tgmField": "serialNumber", "erpField": "ManufacturerSerialNumber", "fieldType": "STRING",
         "syncDirection": "INBOUND", "isKeyField": true},
        {"tgmField": "name", "erpField": "EquipmentName", "fieldType": "STRING",
         "syncDirection": "BIDIRECTIONAL", "required": true}]}
      """;

  private static String connectionJson(String sandboxBase) {
    return """
    {"name": "Production SAP", "description": "Main SAP S/4HANA system",
     "erpType": "SAP_S4HANA", "authType": "OAUTH2",
     "baseUrl": "%s/sap/opu/odata4/sap",
     "clientId": "tgm-sync", "clientSecret": "tgm-sync-secret",
     "sapClient": "100", "sapSystemId": "S4H", "sapLanguage": "EN",
     "enabled": true, "syncEnabled": true, "syncDirection": "BIDIRECTIONAL",
     "syncIntervalMinutes": 60, "webhookEnabled": false,
     "maxRetries": 3, "retryDelaySeconds": 1,
     "rateLimitRequests": 1000, "rateLimitPeriodSeconds": 1,
     "connectionSettings": {"oauthTokenUrl": "%s/sap/bc/sec/oauth2/token"}}
    """
        .formatted(sandboxBase, sandboxBase);
  }
}
