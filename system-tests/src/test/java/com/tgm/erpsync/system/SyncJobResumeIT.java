package com.tgm.erpsync.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.contracts.AuthType;
import com.tgm.erpsync.contracts.ConflictResolution;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.command.ExtractPage;
import com.tgm.erpsync.contracts.result.ErpRecord;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.contracts.snapshot.FieldMappingSpec;
import com.tgm.erpsync.contracts.snapshot.MappingSnapshot;
import com.tgm.erpsync.testsupport.AdminTokens;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.RealInfrastructureExtension;
import com.tgm.erpsync.testsupport.ServiceProcess;
import com.tgm.erpsync.testsupport.TestDatabase;
import com.tgm.erpsync.testsupport.TestProducer;
import com.tgm.erpsync.testsupport.connector.ContractJson;
import com.tgm.erpsync.testsupport.connector.ScriptedConnector;
import com.tgm.erpsync.testsupport.connector.ScriptedErp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The orchestrator killed (SIGKILL) half-way through an inbound full sync of 10,000 records and
 * started again: the job resumes from the last page it applied, and ends with exactly 10,000 TGM
 * rows, each ERP record once, and exact counts.
 */
@ExtendWith(RealInfrastructureExtension.class)
class SyncJobResumeIT {
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final int RECORDS = 10_000;
  private static final int PAGE = 500;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void resumesAnInboundFullSyncFromTheLastPageAfterTheOrchestratorIsKilled(
      KafkaEndpoint kafka, TestDatabase database) throws Exception {
    long connectionId = ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000_000L);
    long mappingId = ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000_000L);
    String prefix = "RESUME-" + connectionId + "-";
    ScriptedErp erp = new ScriptedErp();
    Instant base = Instant.parse("2024-01-15T08:00:00Z");
    erp.entitySet(connectionId, "Equipment")
        .keyFields("Equipment")
        .generate(RECORDS, i -> equipment(prefix, i, base.plusSeconds(i)));
    publishConnectionAndMapping(kafka, connectionId, mappingId);

    try (ScriptedConnector connector =
        ScriptedConnector.builder(kafka, erp)
            .answerCommandsSentSince(Instant.now().minusSeconds(5))
            .delayEachCommand(Duration.ofMillis(300))
            .start()) {
      long jobId;
      ServiceProcess first =
          ServiceProcess.start("sync-orchestrator", CrossServiceMessagingIT.env(kafka, database));
      try {
        first.awaitReady(STARTUP);
        jobId = startFullSync(first, connectionId);
        await("half of the records applied")
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> processed(database, jobId) >= RECORDS / 2);
        kill(first);
      } finally {
        first.close();
      }
      long processedAtKill = processed(database, jobId);
      assertThat(processedAtKill).isLessThan(RECORDS);
      assertThat(status(database, jobId)).isEqualTo("RUNNING");

      try (ServiceProcess second =
          ServiceProcess.start("sync-orchestrator", CrossServiceMessagingIT.env(kafka, database))) {
        second.awaitReady(STARTUP);
        await("the job completed after the restart")
            .atMost(Duration.ofSeconds(180))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> !"RUNNING".equals(status(database, jobId)));

        JsonNode job = JSON.readTree(get(second, "/api/admin/erp/sync-jobs/" + jobId).body());
        assertThat(job.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(job.path("totalRecords").asLong()).isEqualTo(RECORDS);
        assertThat(job.path("processedRecords").asLong()).isEqualTo(RECORDS);
        assertThat(job.path("successCount").asLong()).isEqualTo(RECORDS);
        assertThat(job.path("errorCount").asLong()).isZero();
        assertThat(job.path("skipCount").asLong()).isZero();
        assertThat(job.path("progressPercent").asInt()).isEqualTo(100);
      }

      assertThat(
              count(
                  database,
                  "SELECT count(*) FROM tgm.unit WHERE serial_number LIKE ?",
                  prefix + "%"))
          .isEqualTo(RECORDS);
      assertThat(
              count(
                  database,
                  "SELECT count(DISTINCT serial_number) FROM tgm.unit WHERE serial_number LIKE ?",
                  prefix + "%"))
          .isEqualTo(RECORDS);
      assertThat(
              count(
                  database,
                  "SELECT count(*) FROM orchestrator.sync_ledger WHERE connection_id = ?",
                  connectionId))
          .isEqualTo(RECORDS);
      assertThat(
              count(
                  database,
                  "SELECT pages_done FROM orchestrator.sync_job_task WHERE job_id = ?",
                  jobId))
          .isEqualTo(RECORDS / PAGE);
      // resumed, not restarted: the first page was asked for once, every page at most twice
      List<ExtractPage> asked =
          connector.commands(ExtractPage.class).stream().filter(c -> c.jobId() == jobId).toList();
      assertThat(asked.stream().filter(c -> c.cursor() == null)).hasSize(1);
      assertThat(asked.stream().map(ExtractPage::cursor).distinct()).hasSize(RECORDS / PAGE);
      assertThat(asked).hasSizeBetween(RECORDS / PAGE, RECORDS / PAGE + 1);
    }
  }

  private static ErpRecord equipment(String prefix, int i, Instant modifiedAt) {
    String key = prefix + String.format("%05d", i);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("Equipment", key);
    values.put("Description", "Pump " + i);
    values.put("Manufacturer", "Grundfos");
    return new ErpRecord(Map.of("Equipment", key), null, modifiedAt, values);
  }

  private static void publishConnectionAndMapping(
      KafkaEndpoint kafka, long connectionId, long mappingId) {
    ConnectionSnapshot connection =
        new ConnectionSnapshot(
            MessageMeta.create("resume-it"),
            connectionId,
            "Production SAP",
            "killed and restarted",
            ErpType.SAP_S4HANA,
            AuthType.OAUTH2,
            "https://sap.example.com",
            true,
            true,
            SyncDirection.INBOUND,
            60,
            false,
            "client",
            null,
            "100",
            "PRD",
            "00",
            "EN",
            null,
            null,
            null,
            null,
            null,
            Map.of(),
            Map.of(),
            3,
            1,
            100,
            60,
            5,
            1,
            Instant.now());
    MappingSnapshot mapping =
        new MappingSnapshot(
            MessageMeta.create("resume-it"),
            mappingId,
            connectionId,
            EntityType.UNIT,
            "Equipment",
            true,
            SyncDirection.INBOUND,
            ConflictResolution.ERP_WINS,
            PAGE,
            "LastChangeDateTime",
            null,
            List.of(
                field("serialNumber", "Equipment", true),
                field("name", "Description", false),
                field("manufacturer", "Manufacturer", false)),
            1,
            Instant.now());
    try (TestProducer producer = new TestProducer(kafka)) {
      producer.send(
          Topics.CONNECTIONS, Topics.connectionKey(connectionId), ContractJson.write(connection));
      producer.send(Topics.MAPPINGS, Long.toString(mappingId), ContractJson.write(mapping));
    }
  }

  private static FieldMappingSpec field(String tgm, String erp, boolean key) {
    return new FieldMappingSpec(
        tgm, erp, FieldType.STRING, SyncDirection.BIDIRECTIONAL, true, key, null, null, null, null);
  }

  /** Starts the full sync, waiting for the orchestrator to have read the connection. */
  private static long startFullSync(ServiceProcess orchestrator, long connectionId)
      throws Exception {
    String path = "/api/admin/erp/connections/" + connectionId + "/sync/full";
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      HttpResponse<String> response = post(orchestrator, path);
      if (response.statusCode() == 201 || response.statusCode() == 200) {
        return JSON.readTree(response.body()).path("id").asLong();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("full sync not started: " + response.body());
      }
      Thread.sleep(500);
    }
  }

  /** SIGKILL: no shutdown hook, no graceful stop, whatever transaction is open is lost. */
  private static void kill(ServiceProcess process) {
    ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
    await("orchestrator gone")
        .atMost(Duration.ofSeconds(10))
        .until(() -> process.readinessStatus() == -1);
  }

  private static HttpResponse<String> post(ServiceProcess service, String path) throws Exception {
    return HTTP.send(
        request(service, path).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(ServiceProcess service, String path) throws Exception {
    return HTTP.send(request(service, path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(ServiceProcess service, String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + AdminTokens.admin("resume-it"));
  }

  private static long processed(TestDatabase database, long jobId) throws Exception {
    return count(
        database, "SELECT processed_records FROM orchestrator.sync_job WHERE id = ?", jobId);
  }

  private static String status(TestDatabase database, long jobId) throws Exception {
    try (Connection connection = database.connect();
        PreparedStatement select =
            connection.prepareStatement("SELECT status FROM orchestrator.sync_job WHERE id = ?")) {
      select.setLong(1, jobId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }

  private static long count(TestDatabase database, String sql, Object... args) throws Exception {
    try (Connection connection = database.connect();
        PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        select.setObject(i + 1, args[i]);
      }
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
