package com.tgm.erpsync.orchestrator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.command.ExtractPage;
import com.tgm.erpsync.contracts.command.FetchRecord;
import com.tgm.erpsync.contracts.event.SyncEventTypes;
import com.tgm.erpsync.contracts.result.ConnectionTested;
import com.tgm.erpsync.contracts.result.ErpRecord;
import com.tgm.erpsync.contracts.result.PageExtracted;
import com.tgm.erpsync.contracts.snapshot.MappingSnapshot;
import com.tgm.erpsync.orchestrator.directory.ConnectionDirectory;
import com.tgm.erpsync.orchestrator.directory.MappingDirectory;
import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TestProducer;
import com.tgm.erpsync.testsupport.TopicProbe;
import com.tgm.erpsync.testsupport.connector.ContractJson;
import com.tgm.erpsync.testsupport.connector.Fault;
import com.tgm.erpsync.testsupport.connector.ScriptedConnector;
import com.tgm.erpsync.testsupport.connector.ScriptedEntitySet;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inbound syncs end to end: the orchestrator pages an ERP entity set through the scripted connector
 * on the real broker and writes each record into the TGM tables with its ledger row.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class InboundSyncTest {
  private static final Instant BASE = Instant.parse("2024-01-15T08:00:00Z");

  @Inject AgroalDataSource dataSource;
  @Inject ConnectionDirectory connections;
  @Inject MappingDirectory mappings;
  @Inject ObjectMapper mapper;

  private SyncFixture fixture;
  private ScriptedConnector connector;

  @BeforeEach
  void setUp() {
    fixture = new SyncFixture(dataSource, connections, mappings, mapper);
    connector = SyncFixture.connector();
  }

  @AfterAll
  static void stopConnector() {
    SyncFixture.stopConnector();
  }

  @Test
  void fullSyncOfTenThousandRecordsWritesEachOnceWithExactCountsAndProgress() {
    long connectionId = fixture.connection(SyncDirection.INBOUND);
    MappingSnapshot mapping = fixture.unitMapping(connectionId, SyncDirection.INBOUND, 500);
    String prefix = "FULL-" + connectionId + "-";
    equipment(connectionId).generate(10_000, i -> equipment(prefix, i, "Pump " + i));

    connector.pause();
    long jobId = fixture.startFull(connectionId);
    SyncFixture.await("the first page asked for", () -> extractsOf(jobId) == 1);
    long answeredBefore = connector.answered(ExtractPage.class);
    // half-way: the connector holds its answers after the tenth page
    connector.resume();
    connector.awaitAnswered(ExtractPage.class, answeredBefore + 10, SyncFixture.WAIT);
    connector.pause();
    JsonNode halfway =
        fixture.awaitJob(jobId, job -> job.path("processedRecords").asLong() >= 5_000);
    SyncFixture.sleep(1_000);
    halfway = fixture.job(jobId);
    long processed = halfway.path("processedRecords").asLong();
    assertThat(halfway.path("status").asText()).isEqualTo("RUNNING");
    assertThat(halfway.path("totalRecords").asLong()).isEqualTo(10_000);
    assertThat(processed).isBetween(5_000L, 9_500L).isEqualTo(500L * (processed / 500));
    assertThat(halfway.path("successCount").asLong()).isEqualTo(processed);
    assertThat(halfway.path("progressPercent").asInt()).isEqualTo((int) (processed * 100 / 10_000));
    connector.resume();

    JsonNode job = fixture.awaitEnd(jobId);
    assertThat(job.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(job.path("totalRecords").asLong()).isEqualTo(10_000);
    assertThat(job.path("processedRecords").asLong()).isEqualTo(10_000);
    assertThat(job.path("successCount").asLong()).isEqualTo(10_000);
    assertThat(job.path("errorCount").asLong()).isZero();
    assertThat(job.path("skipCount").asLong()).isZero();
    assertThat(job.path("progressPercent").asInt()).isEqualTo(100);
    assertThat(unitsLike(prefix)).isEqualTo(10_000);
    assertThat(
            fixture.count(
                "SELECT count(DISTINCT serial_number) FROM tgm.unit WHERE serial_number LIKE ?",
                prefix + "%"))
        .isEqualTo(10_000);
    assertThat(
            fixture.count("SELECT count(*) FROM sync_ledger WHERE connection_id = ?", connectionId))
        .isEqualTo(10_000);
    assertThat(
            fixture.count(
                "SELECT count(*) FROM tgm.unit WHERE serial_number = ? AND name = ?"
                    + " AND manufacturer = 'Grundfos' AND model = 'CR 17'",
                prefix + "04567",
                "Pump 4567"))
        .isEqualTo(1);
    assertThat(extractsOf(jobId)).isEqualTo(20);
    assertThat(pagesOf(jobId)).isEqualTo(20);
    assertThat(
            fixture.count(
                "SELECT count(*) FROM sync_watermark WHERE connection_id = ? AND mapping_id = ?"
                    + " AND direction = 'INBOUND' AND watermark = ?",
                connectionId,
                mapping.id(),
                java.time.OffsetDateTime.ofInstant(
                    BASE.plusSeconds(9_999), java.time.ZoneOffset.UTC)))
        .isEqualTo(1);
  }

  @Test
  void incrementalRereadsTheOverlapSyncsTheRecordAtTheBoundaryAndSkipsUnchangedOnes() {
    long connectionId = fixture.connection(SyncDirection.INBOUND);
    MappingSnapshot mapping = fixture.unitMapping(connectionId, SyncDirection.INBOUND, 100);
    String prefix = "INC-" + connectionId + "-";
    ScriptedEntitySet set = equipment(connectionId);
    // 300 records, one every 10 s: the last 31 lie within five minutes of the newest
    set.generate(300, i -> equipmentAt(prefix, i, "Pump " + i, BASE.plusSeconds(10L * i)));
    long full = fixture.startFull(connectionId);
    assertThat(fixture.awaitEnd(full).path("status").asText()).isEqualTo("COMPLETED");
    Instant watermark = BASE.plusSeconds(2_990);

    // changed at the boundary timestamp itself, and one more that an earlier run never saw
    set.put(equipmentAt(prefix, 299, "Pump 299 (overhauled)", watermark));
    set.put(equipmentAt(prefix, 1_000, "Pump 1000", watermark.minusSeconds(30)));
    long incremental = fixture.startIncremental(connectionId);
    JsonNode job = fixture.awaitEnd(incremental);

    // read from watermark - 5 min: records 269..299, of which 299 changed, plus the new one
    assertThat(job.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(job.path("processedRecords").asLong()).isEqualTo(32);
    assertThat(job.path("successCount").asLong()).isEqualTo(2);
    assertThat(job.path("skipCount").asLong()).isEqualTo(30);
    assertThat(job.path("errorCount").asLong()).isZero();
    List<ExtractPage> asked =
        connector.commands(ExtractPage.class).stream()
            .filter(c -> c.jobId() == incremental)
            .toList();
    assertThat(asked).isNotEmpty();
    assertThat(asked)
        .allSatisfy(c -> assertThat(c.modifiedSince()).isEqualTo(watermark.minusSeconds(300)));
    assertThat(
            fixture.count(
                "SELECT count(*) FROM tgm.unit WHERE serial_number = ? AND name = ?",
                prefix + "00299",
                "Pump 299 (overhauled)"))
        .isEqualTo(1);
    assertThat(unitsLike(prefix)).isEqualTo(301);
    assertThat(
            fixture.count(
                "SELECT count(*) FROM sync_watermark WHERE connection_id = ? AND mapping_id = ?"
                    + " AND watermark = ?",
                connectionId,
                mapping.id(),
                java.time.OffsetDateTime.ofInstant(watermark, java.time.ZoneOffset.UTC)))
        .isEqualTo(1);
  }

  @Test
  void authenticationFailureOnAPageFailsTheJobWithTheReason() throws Exception {
    long connectionId = fixture.connection(SyncDirection.INBOUND);
    fixture.unitMapping(connectionId, SyncDirection.INBOUND, 100);
    String prefix = "AUTH-" + connectionId + "-";
    equipment(connectionId)
        .generate(350, i -> equipment(prefix, i, "Pump " + i))
        .failExtract(2, Fault.always(ErrorCode.AUTH_FAILED, "HTTP 401 from token URL", false));

    long jobId;
    JsonNode job;
    ConsumerRecord<String, String> failedEvent;
    try (TopicProbe events = TopicProbe.open(TestInfrastructure.kafka(), Topics.SYNC_EVENTS)) {
      jobId = fixture.startFull(connectionId);
      job = fixture.awaitEnd(jobId);
      long id = jobId;
      failedEvent = events.await(r -> isEvent(r, id, SyncEventTypes.JOB_FAILED), SyncFixture.WAIT);
    }
    JsonNode failed = mapper.readTree(failedEvent.value());
    assertThat(failedEvent.key()).isEqualTo(Long.toString(connectionId));
    assertThat(failed.path("data").path("errorCode").asText()).isEqualTo("AUTH_FAILED");
    assertThat(failed.path("data").path("errorMessage").asText())
        .isEqualTo("Authentication failed: HTTP 401 from token URL");

    assertThat(job.path("status").asText()).isEqualTo("FAILED");
    assertThat(job.path("errorMessage").asText())
        .isEqualTo("Authentication failed: HTTP 401 from token URL");
    assertThat(job.path("processedRecords").asLong()).isEqualTo(100);
    assertThat(job.path("successCount").asLong()).isEqualTo(100);
    assertThat(
            fixture.count(
                "SELECT count(*) FROM sync_job WHERE id = ? AND error_code = 'AUTH_FAILED'", jobId))
        .isEqualTo(1);
    assertThat(unitsLike(prefix)).isEqualTo(100);
    SyncFixture.sleep(2_000);
    assertThat(extractsOf(jobId)).isEqualTo(2);
  }

  @Test
  void pageTheErpCouldNotServeIsAskedForAgainAndTheJobCompletes() {
    long connectionId = fixture.connection(SyncDirection.INBOUND);
    fixture.unitMapping(connectionId, SyncDirection.INBOUND, 100);
    String prefix = "RETRY-" + connectionId + "-";
    equipment(connectionId)
        .generate(250, i -> equipment(prefix, i, "Pump " + i))
        .failExtract(2, Fault.once(ErrorCode.ERP_UNAVAILABLE, "HTTP 503", true));

    long jobId = fixture.startFull(connectionId);
    JsonNode job = fixture.awaitEnd(jobId);

    assertThat(job.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(job.path("processedRecords").asLong()).isEqualTo(250);
    assertThat(job.path("successCount").asLong()).isEqualTo(250);
    assertThat(unitsLike(prefix)).isEqualTo(250);
    assertThat(extractsOf(jobId)).isEqualTo(4);
  }

  @Test
  void redeliveredOrReplayedPageChangesNothing() throws Exception {
    long connectionId = fixture.connection(SyncDirection.INBOUND);
    MappingSnapshot mapping = fixture.unitMapping(connectionId, SyncDirection.INBOUND, 100);
    String prefix = "REDELIVER-" + connectionId + "-";
    ScriptedEntitySet set =
        equipment(connectionId).generate(150, i -> equipment(prefix, i, "P" + i));
    long jobId = fixture.startFull(connectionId);
    assertThat(fixture.awaitEnd(jobId).path("status").asText()).isEqualTo("COMPLETED");

    PageExtracted first =
        new PageExtracted(
            MessageMeta.create(Long.toString(jobId)),
            connectionId,
            jobId,
            mapping.id(),
            null,
            "next",
            150L,
            set.records().subList(0, 100));
    String json = ContractJson.write(first);
    PageExtracted replay;
    try (TestProducer producer = new TestProducer(TestInfrastructure.kafka())) {
      producer.send(Topics.RESULTS, Topics.jobKey(jobId), json);
      producer.send(Topics.RESULTS, Topics.jobKey(jobId), json);
      replay =
          new PageExtracted(
              MessageMeta.create(Long.toString(jobId)),
              first.connectionId(),
              first.jobId(),
              first.mappingId(),
              first.cursor(),
              first.nextCursor(),
              first.totalCount(),
              first.records());
      producer.send(Topics.RESULTS, Topics.jobKey(jobId), ContractJson.write(replay));
    }
    SyncFixture.await(
        "the redelivered pages consumed",
        () ->
            fixture.count(
                    "SELECT count(*) FROM processed_message WHERE message_id IN (?, ?)",
                    first.meta().messageId(),
                    replay.meta().messageId())
                == 2);
    SyncFixture.sleep(1_000);

    JsonNode job = fixture.job(jobId);
    assertThat(job.path("processedRecords").asLong()).isEqualTo(150);
    assertThat(job.path("successCount").asLong()).isEqualTo(150);
    assertThat(unitsLike(prefix)).isEqualTo(150);
    assertThat(extractsOf(jobId)).isEqualTo(2);
  }

  @Test
  void cancelledJobAppliesNoLatePageAndAsksForNoFurtherOne() {
    long connectionId = fixture.connection(SyncDirection.INBOUND);
    fixture.unitMapping(connectionId, SyncDirection.INBOUND, 100);
    String prefix = "CANCEL-" + connectionId + "-";
    equipment(connectionId).generate(500, i -> equipment(prefix, i, "Pump " + i));

    connector.pause();
    long jobId = fixture.startFull(connectionId);
    SyncFixture.await("the first page asked for", () -> extractsOf(jobId) == 1);
    fixture.cancel(jobId);
    long answered = connector.answered(ExtractPage.class);
    connector.resume();
    connector.awaitAnswered(ExtractPage.class, answered + 1, SyncFixture.WAIT);
    SyncFixture.sleep(3_000);

    JsonNode job = fixture.job(jobId);
    assertThat(job.path("status").asText()).isEqualTo("CANCELLED");
    assertThat(job.path("processedRecords").asLong()).isZero();
    assertThat(extractsOf(jobId)).isEqualTo(1);
    assertThat(unitsLike(prefix)).isZero();
  }

  @Test
  void publishesStartedProgressAndCompletedEventsOfTheJob() throws Exception {
    long connectionId = fixture.connection(SyncDirection.INBOUND);
    fixture.unitMapping(connectionId, SyncDirection.INBOUND, 500);
    String prefix = "EVENTS-" + connectionId + "-";
    equipment(connectionId).generate(2_500, i -> equipment(prefix, i, "Pump " + i));

    List<JsonNode> seen;
    long jobId;
    try (TopicProbe events = TopicProbe.open(TestInfrastructure.kafka(), Topics.SYNC_EVENTS)) {
      jobId = fixture.startFull(connectionId);
      fixture.awaitEnd(jobId);
      long id = jobId;
      events.await(r -> isEvent(r, id, SyncEventTypes.JOB_COMPLETED), SyncFixture.WAIT);
      seen = new ArrayList<>();
      for (ConsumerRecord<String, String> record :
          events.drain(r -> isEvent(r, id, null), Duration.ofSeconds(1))) {
        assertThat(record.key()).isEqualTo(Long.toString(connectionId));
        seen.add(mapper.readTree(record.value()));
      }
    }

    List<String> types = seen.stream().map(e -> e.path("type").asText()).toList();
    assertThat(types.get(0)).isEqualTo(SyncEventTypes.JOB_STARTED);
    assertThat(types.get(types.size() - 1)).isEqualTo(SyncEventTypes.JOB_COMPLETED);
    assertThat(types.subList(1, types.size() - 1))
        .hasSizeBetween(2, 3)
        .containsOnly(SyncEventTypes.JOB_PROGRESS);
    JsonNode completed = seen.get(seen.size() - 1);
    assertThat(completed.path("specversion").asText()).isEqualTo("1.0");
    assertThat(completed.path("correlationid").asText()).isEqualTo(Long.toString(jobId));
    assertThat(completed.path("data").path("processedRecords").asLong()).isEqualTo(2_500);
    assertThat(completed.path("data").path("progressPercent").asInt()).isEqualTo(100);
    assertThat(seen.subList(1, seen.size() - 1))
        .allSatisfy(
            p -> assertThat(p.path("data").path("progressPercent").asInt()).isLessThan(100));
  }

  @Test
  void singleRecordIsFetchedByItsErpKeyAndWritten() {
    long connectionId = fixture.connection(SyncDirection.INBOUND);
    fixture.unitMapping(connectionId, SyncDirection.INBOUND, 100);
    String prefix = "ONE-" + connectionId + "-";
    equipment(connectionId).generate(5, i -> equipment(prefix, i, "Pump " + i));

    long jobId = fixture.startSingle(connectionId, EntityType.UNIT, prefix + "00003", "INBOUND");
    JsonNode job = fixture.awaitEnd(jobId);

    assertThat(job.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(job.path("totalRecords").asLong()).isEqualTo(1);
    assertThat(job.path("successCount").asLong()).isEqualTo(1);
    assertThat(unitsLike(prefix)).isEqualTo(1);
    assertThat(
            fixture.count(
                "SELECT count(*) FROM tgm.unit WHERE serial_number = ? AND name = 'Pump 3'",
                prefix + "00003"))
        .isEqualTo(1);
    assertThat(connector.commands(FetchRecord.class))
        .filteredOn(c -> c.jobId() == jobId)
        .extracting(FetchRecord::erpKey)
        .containsExactly(Map.of("Equipment", prefix + "00003"));
  }

  @Test
  void retryOfFailedRecordsFetchesExactlyThemAgain() {
    long connectionId = fixture.connection(SyncDirection.INBOUND);
    fixture.unitMapping(connectionId, SyncDirection.INBOUND, 100);
    String prefix = "FIX-" + connectionId + "-";
    ScriptedEntitySet set =
        equipment(connectionId)
            .generate(200, i -> equipment(prefix, i, i % 50 == 7 ? "" : "Pump " + i));

    long jobId = fixture.startFull(connectionId);
    JsonNode job = fixture.awaitEnd(jobId);
    assertThat(job.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(job.path("successCount").asLong()).isEqualTo(196);
    assertThat(job.path("errorCount").asLong()).isEqualTo(4);
    JsonNode logs = fixture.detail(jobId).path("errorLogs");
    assertThat(logs).hasSize(4);
    assertThat(logs)
        .extracting(log -> log.path("erpRecordId").asText())
        .containsExactlyInAnyOrder(
            prefix + "00007", prefix + "00057", prefix + "00107", prefix + "00157");
    assertThat(logs)
        .allSatisfy(
            log -> {
              assertThat(log.path("errorCode").asText()).isEqualTo("VALIDATION_ERROR");
              assertThat(log.path("errorMessage").asText()).contains("Description");
              assertThat(log.path("isRetryable").asBoolean()).isFalse();
              assertThat(log.path("entityType").asText()).isEqualTo("UNIT");
            });

    for (int i : new int[] {7, 57, 107, 157}) {
      set.put(equipment(prefix, i, "Pump " + i + " (named)"));
    }
    long retryId = fixture.retry(jobId, true);
    JsonNode retry = fixture.awaitEnd(retryId);

    assertThat(retry.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(retry.path("processedRecords").asLong()).isEqualTo(4);
    assertThat(retry.path("successCount").asLong()).isEqualTo(4);
    assertThat(retry.path("errorCount").asLong()).isZero();
    assertThat(connector.commands(FetchRecord.class).stream().filter(c -> c.jobId() == retryId))
        .hasSize(4);
    assertThat(extractsOf(retryId)).isZero();
    assertThat(unitsLike(prefix)).isEqualTo(200);
  }

  @Test
  void undecodableResultGoesToTheDeadLetterTopicAndTheResultsAfterItGoOn() throws Exception {
    long connectionId = SyncFixture.newId();
    String poison = "{\"type\":\"RecordApplied\",\"meta\":\"" + connectionId + "\"}";
    ConnectionTested after =
        new ConnectionTested(
            MessageMeta.create("dlq-" + connectionId),
            connectionId,
            ErpType.SAP_S4HANA,
            true,
            "Successfully connected",
            null,
            Instant.now(),
            12);
    try (TopicProbe dlq = TopicProbe.open(TestInfrastructure.kafka(), Topics.dlq(Topics.RESULTS));
        TopicProbe events = TopicProbe.open(TestInfrastructure.kafka(), Topics.SYNC_EVENTS);
        TestProducer producer = new TestProducer(TestInfrastructure.kafka())) {
      producer.send(Topics.RESULTS, "poison", poison);
      producer.send(Topics.RESULTS, "poison", ContractJson.write(after));

      ConsumerRecord<String, String> dead =
          dlq.await(r -> poison.equals(r.value()), SyncFixture.WAIT);
      assertThat(header(dead, Topics.DLQ_REASON_HEADER)).startsWith("undecodable result");
      assertThat(header(dead, Topics.DLQ_SOURCE_TOPIC_HEADER)).isEqualTo(Topics.RESULTS);
      events.await(
          r -> r.value().contains("\"correlationid\":\"dlq-" + connectionId + "\""),
          SyncFixture.WAIT);
    }
  }

  // ------------------------------------------------------------------------------------ helpers

  private static String header(ConsumerRecord<String, String> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private boolean isEvent(ConsumerRecord<String, String> record, long jobId, String type) {
    try {
      JsonNode event = mapper.readTree(record.value());
      return event.path("data").path("jobId").asLong() == jobId
          && (type == null || type.equals(event.path("type").asText()));
    } catch (Exception e) {
      return false;
    }
  }

  private ScriptedEntitySet equipment(long connectionId) {
    return SyncFixture.erp().entitySet(connectionId, "Equipment").keyFields("Equipment");
  }

  private static ErpRecord equipment(String prefix, int i, String description) {
    return equipmentAt(prefix, i, description, BASE.plusSeconds(i));
  }

  private static ErpRecord equipmentAt(
      String prefix, int i, String description, Instant modifiedAt) {
    String key = prefix + String.format("%05d", i);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("Equipment", key);
    values.put("Description", description);
    values.put("Manufacturer", "Grundfos");
    values.put("Model", "CR " + (i % 50));
    return new ErpRecord(Map.of("Equipment", key), null, modifiedAt, values);
  }

  private long unitsLike(String prefix) {
    return fixture.count("SELECT count(*) FROM tgm.unit WHERE serial_number LIKE ?", prefix + "%");
  }

  private long extractsOf(long jobId) {
    return connector.commands(ExtractPage.class).stream().filter(c -> c.jobId() == jobId).count();
  }

  private long pagesOf(long jobId) {
    return fixture.count(
        "SELECT coalesce(sum(pages_done), 0) FROM sync_job_task WHERE job_id = ?", jobId);
  }
}
