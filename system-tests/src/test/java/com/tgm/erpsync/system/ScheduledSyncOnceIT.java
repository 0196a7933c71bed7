package com.tgm.erpsync.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.contracts.AuthType;
import com.tgm.erpsync.contracts.ConflictResolution;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.Topics;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two packaged orchestrators against one database and one broker, each ticking every second: a due
 * scheduled sync starts exactly one INCREMENTAL job, whichever replica takes it, tick after tick; a
 * tick that comes due while that job still runs is skipped by both.
 */
@ExtendWith(RealInfrastructureExtension.class)
class ScheduledSyncOnceIT {
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final int TICKS = 4;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Next run an interval (an hour) ahead: planned, or moved on by a taken run. */
  private static final String PLANNED_AHEAD = "next_run_at > now() + interval '59 minutes'";

  @Test
  void firesEachDueScheduledSyncOnceAcrossTwoReplicas(KafkaEndpoint kafka, TestDatabase database)
      throws Exception {
    long connectionId = ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000_000L);
    long mappingId = ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000_000L);
    Map<String, String> env = new HashMap<>(CrossServiceMessagingIT.env(kafka, database));
    env.put("ORCHESTRATOR_SCHEDULE_TICK", "1s");

    try (ServiceProcess first = ServiceProcess.start("sync-orchestrator", env);
        ServiceProcess second = ServiceProcess.start("sync-orchestrator", env)) {
      first.awaitReady(STARTUP);
      second.awaitReady(STARTUP);
      publishConnectionAndMapping(kafka, connectionId, mappingId);
      await("the connection's schedule planned")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> scheduleRows(database, connectionId, "true") == 1);
      // planned an interval ahead: nothing fires by itself during the test
      assertThat(scheduleRows(database, connectionId, PLANNED_AHEAD)).isEqualTo(1);

      List<Long> jobs = new ArrayList<>();
      for (int tick = 1; tick <= TICKS; tick++) {
        forceDue(database, connectionId);
        int expected = tick;
        await("tick " + tick + " taken")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> scheduledJobs(database, connectionId).size() >= expected);
        awaitTaken(database, connectionId);
        // both replicas tick twice more: neither fires the same run again
        Thread.sleep(2_500);
        List<Long> started = scheduledJobs(database, connectionId);
        assertThat(started).as("jobs after tick %d", tick).hasSize(tick);
        long job = started.get(started.size() - 1);
        jobs.add(job);

        if (tick == 2) {
          // due again while job still runs: the run is taken and skipped, no job starts
          forceDue(database, connectionId);
          awaitTaken(database, connectionId);
          Thread.sleep(2_500);
          assertThat(scheduledJobs(database, connectionId)).hasSize(tick);
          assertThat(scheduleRows(database, connectionId, "last_job_id = " + job)).isEqualTo(1);
        }
        // done with it: cancelled through either replica, so the next run is not skipped
        ServiceProcess via = tick % 2 == 0 ? first : second;
        HttpResponse<String> cancelled =
            send(via, "POST", "/api/admin/erp/sync-jobs/" + job + "/cancel");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
      }

      assertThat(jobs).doesNotHaveDuplicates().hasSize(TICKS);
      for (long job : jobs) {
        var view = JSON.readTree(send(first, "GET", "/api/admin/erp/sync-jobs/" + job).body());
        assertThat(view.path("jobType").asText()).isEqualTo("INCREMENTAL");
        assertThat(view.path("triggeredBy").asText()).isEqualTo("schedule");
        assertThat(view.path("erpConnectionId").asLong()).isEqualTo(connectionId);
      }
      // every job of the connection is a scheduled one: nothing else started any
      assertThat(jobsOf(database, connectionId)).isEqualTo(TICKS);
    }
  }

  /** Makes the connection's next run due now, as if its interval had passed. */
  private static void forceDue(TestDatabase database, long connectionId) throws Exception {
    try (Connection connection = database.connect();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE orchestrator.sync_schedule SET next_run_at = now()"
                    + " WHERE connection_id = ?")) {
      update.setLong(1, connectionId);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  /** Waits until a replica has taken the due run: its next run is an interval ahead again. */
  private static void awaitTaken(TestDatabase database, long connectionId) {
    await("the due run taken")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> scheduleRows(database, connectionId, PLANNED_AHEAD) == 1);
  }

  private static List<Long> scheduledJobs(TestDatabase database, long connectionId)
      throws Exception {
    try (Connection connection = database.connect();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT id FROM orchestrator.sync_job WHERE connection_id = ?"
                    + " AND job_type = 'INCREMENTAL' AND triggered_by = 'schedule' ORDER BY id")) {
      select.setLong(1, connectionId);
      try (ResultSet rows = select.executeQuery()) {
        List<Long> ids = new ArrayList<>();
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
        return ids;
      }
    }
  }

  /** The connection's schedule rows that meet {@code condition} (SQL): 0 or 1. */
  private static long scheduleRows(TestDatabase database, long connectionId, String condition)
      throws Exception {
    return count(
        database,
        "SELECT count(*) FROM orchestrator.sync_schedule WHERE connection_id = ? AND " + condition,
        connectionId);
  }

  private static long jobsOf(TestDatabase database, long connectionId) throws Exception {
    return count(
        database,
        "SELECT count(*) FROM orchestrator.sync_job WHERE connection_id = ?",
        connectionId);
  }

  private static long count(TestDatabase database, String sql, long connectionId) throws Exception {
    try (Connection connection = database.connect();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, connectionId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  private static HttpResponse<String> send(ServiceProcess service, String method, String path)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + AdminTokens.admin("schedule-it"))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void publishConnectionAndMapping(
      KafkaEndpoint kafka, long connectionId, long mappingId) {
    ConnectionSnapshot connection =
        new ConnectionSnapshot(
            MessageMeta.create("schedule-it"),
            connectionId,
            "Scheduled SAP",
            "synced every hour",
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
            MessageMeta.create("schedule-it"),
            mappingId,
            connectionId,
            EntityType.UNIT,
            "Equipment",
            true,
            SyncDirection.INBOUND,
            ConflictResolution.ERP_WINS,
            100,
            "LastChangeDateTime",
            null,
            List.of(
                new FieldMappingSpec(
                    "serialNumber",
                    "Equipment",
                    FieldType.STRING,
                    SyncDirection.BIDIRECTIONAL,
                    true,
                    true,
                    null,
                    null,
                    null,
                    null)),
            1,
            Instant.now());
    try (TestProducer producer = new TestProducer(kafka)) {
      producer.send(Topics.MAPPINGS, Long.toString(mappingId), ContractJson.write(mapping));
      producer.send(
          Topics.CONNECTIONS, Topics.connectionKey(connectionId), ContractJson.write(connection));
    }
  }
}
