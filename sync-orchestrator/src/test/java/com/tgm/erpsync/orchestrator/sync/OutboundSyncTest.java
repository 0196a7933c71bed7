package com.tgm.erpsync.orchestrator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.command.UpsertRecord;
import com.tgm.erpsync.contracts.command.UpsertRecords;
import com.tgm.erpsync.contracts.event.SyncEventTypes;
import com.tgm.erpsync.contracts.result.RecordApplied;
import com.tgm.erpsync.contracts.result.WriteOperation;
import com.tgm.erpsync.contracts.snapshot.FieldMappingSpec;
import com.tgm.erpsync.contracts.snapshot.MappingSnapshot;
import com.tgm.erpsync.orchestrator.directory.ConnectionDirectory;
import com.tgm.erpsync.orchestrator.directory.MappingDirectory;
import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TestProducer;
import com.tgm.erpsync.testsupport.TopicProbe;
import com.tgm.erpsync.testsupport.connector.AppliedWrite;
import com.tgm.erpsync.testsupport.connector.ContractJson;
import com.tgm.erpsync.testsupport.connector.Fault;
import com.tgm.erpsync.testsupport.connector.ScriptedConnector;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Outbound syncs end to end: the orchestrator keyset-pages a TGM table, sends an UpsertRecord per
 * changed record through the scripted connector on the real broker, and aggregates the answers.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class OutboundSyncTest {
  private static final int WINDOW = 200;

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
    // a full sync reads the whole table: each test starts with its own units only
    fixture.execute("DELETE FROM tgm.unit");
  }

  @AfterAll
  static void stopConnector() {
    SyncFixture.stopConnector();
  }

  @Test
  void fullSyncLogsExactlyTheFailedRecordsAndARetryOfThemAloneSucceeds() {
    long connectionId = fixture.connection(SyncDirection.OUTBOUND);
    modelRequiredMapping(connectionId);
    String prefix = "OUT-" + connectionId + "-";
    List<Long> ids = units(prefix, 100);
    long refusedMissing = ids.get(10);
    long refusedLocked = ids.get(50);
    long refusedDuplicate = ids.get(99);
    long withoutModel = ids.get(70);
    fixture.execute("UPDATE tgm.unit SET model = NULL WHERE id = ?", withoutModel);
    SyncFixture.erp()
        .entitySet(connectionId, "Equipment")
        .keyFields("Equipment")
        .failWritesForTgmRecord(
            refusedMissing,
            Fault.once(
                ErrorCode.VALIDATION_ERROR, "Required field 'SerialNumber' is missing", false))
        .failWritesForTgmRecord(
            refusedLocked, Fault.once(ErrorCode.ERP_ERROR, "Equipment is locked by JSMITH", true))
        .failWritesForTgmRecord(
            refusedDuplicate, Fault.once(ErrorCode.CONFLICT, "Equipment already exists", false));

    long jobId = fixture.startFull(connectionId);
    JsonNode job = fixture.awaitEnd(jobId);

    assertThat(job.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(job.path("totalRecords").asLong()).isEqualTo(100);
    assertThat(job.path("processedRecords").asLong()).isEqualTo(100);
    assertThat(job.path("successCount").asLong()).isEqualTo(96);
    assertThat(job.path("errorCount").asLong()).isEqualTo(4);
    assertThat(job.path("skipCount").asLong()).isZero();
    JsonNode detail = fixture.detail(jobId);
    Map<Long, JsonNode> logged = byTgmId(detail.path("errorLogs"));
    assertThat(logged)
        .containsOnlyKeys(refusedMissing, refusedLocked, refusedDuplicate, withoutModel);
    assertThat(logged.get(refusedMissing).path("errorCode").asText()).isEqualTo("VALIDATION_ERROR");
    assertThat(logged.get(refusedMissing).path("errorMessage").asText())
        .isEqualTo("Required field 'SerialNumber' is missing");
    assertThat(logged.get(refusedMissing).path("isRetryable").asBoolean()).isFalse();
    assertThat(logged.get(refusedLocked).path("errorCode").asText()).isEqualTo("ERP_ERROR");
    assertThat(logged.get(refusedLocked).path("isRetryable").asBoolean()).isTrue();
    assertThat(logged.get(refusedDuplicate).path("errorCode").asText()).isEqualTo("CONFLICT");
    assertThat(logged.get(withoutModel).path("errorCode").asText()).isEqualTo("VALIDATION_ERROR");
    assertThat(logged.get(withoutModel).path("errorMessage").asText()).contains("Model");
    assertThat(logged.values())
        .extracting(log -> log.path("recordIndex").asLong())
        .containsExactlyInAnyOrder(0L, 1L, 2L, 3L);
    List<AppliedWrite> writes = SyncFixture.erp().writes(connectionId, "Equipment");
    assertThat(writes).hasSize(96);
    assertThat(writes.stream().map(AppliedWrite::tgmRecordId).collect(Collectors.toSet()))
        .hasSize(96)
        .doesNotContain(refusedMissing, refusedLocked, refusedDuplicate, withoutModel);
    assertThat(ledgerRows(connectionId)).isEqualTo(96);

    fixture.execute("UPDATE tgm.unit SET model = 'M-fixed' WHERE id = ?", withoutModel);
    long retryId = fixture.retry(jobId, true);
    JsonNode retry = fixture.awaitEnd(retryId);

    assertThat(retry.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(retry.path("totalRecords").asLong()).isEqualTo(4);
    assertThat(retry.path("processedRecords").asLong()).isEqualTo(4);
    assertThat(retry.path("successCount").asLong()).isEqualTo(4);
    assertThat(retry.path("errorCount").asLong()).isZero();
    List<AppliedWrite> after = SyncFixture.erp().writes(connectionId, "Equipment");
    assertThat(after).hasSize(100);
    assertThat(after.subList(96, 100))
        .extracting(AppliedWrite::tgmRecordId)
        .containsExactlyInAnyOrder(refusedMissing, refusedLocked, refusedDuplicate, withoutModel);
    assertThat(after.stream().map(AppliedWrite::tgmRecordId).collect(Collectors.toSet()))
        .hasSize(100);
    assertThat(ledgerRows(connectionId)).isEqualTo(100);
  }

  @Test
  void incrementalSendsOnlyChangedRecordsLogsTheFailedOneAndHoldsTheWatermarkThere() {
    long connectionId = fixture.connection(SyncDirection.OUTBOUND);
    MappingSnapshot mapping = modelRequiredMapping(connectionId);
    String prefix = "INCOUT-" + connectionId + "-";
    List<Long> ids = units(prefix, 50);
    SyncFixture.erp().entitySet(connectionId, "Equipment").keyFields("Equipment");
    long full = fixture.startFull(connectionId);
    assertThat(fixture.awaitEnd(full).path("successCount").asLong()).isEqualTo(50);

    long refused = ids.get(20);
    for (long id : List.of(ids.get(5), refused, ids.get(40))) {
      fixture.execute("UPDATE tgm.unit SET name = name || ' (moved)' WHERE id = ?", id);
    }
    SyncFixture.erp()
        .entitySet(connectionId, "Equipment")
        .failWritesForTgmRecord(
            refused, Fault.always(ErrorCode.ERP_ERROR, "Plant 1010 closed", false));
    long incremental = fixture.startIncremental(connectionId);
    JsonNode job = fixture.awaitEnd(incremental);

    // every row lies within the overlap: the unchanged ones are skipped, the ledger says so
    assertThat(job.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(job.path("processedRecords").asLong()).isEqualTo(50);
    assertThat(job.path("successCount").asLong()).isEqualTo(2);
    assertThat(job.path("errorCount").asLong()).isEqualTo(1);
    assertThat(job.path("skipCount").asLong()).isEqualTo(47);
    JsonNode logs = fixture.detail(incremental).path("errorLogs");
    assertThat(logs).hasSize(1);
    assertThat(logs.get(0).path("tgmRecordId").asLong()).isEqualTo(refused);
    assertThat(logs.get(0).path("errorCode").asText()).isEqualTo("ERP_ERROR");
    assertThat(logs.get(0).path("errorMessage").asText()).isEqualTo("Plant 1010 closed");
    List<AppliedWrite> writes = SyncFixture.erp().writes(connectionId, "Equipment");
    assertThat(writes).hasSize(52);
    assertThat(writes.subList(50, 52))
        .extracting(AppliedWrite::tgmRecordId)
        .containsExactlyInAnyOrder(ids.get(5), ids.get(40));
    assertThat(writes.subList(50, 52))
        .allSatisfy(w -> assertThat(w.operation()).isEqualTo(WriteOperation.UPDATED));
    // the next incremental reads the failed record again
    assertThat(
            fixture.count(
                "SELECT count(*) FROM sync_watermark w JOIN tgm.unit u ON u.id = ?"
                    + " WHERE w.connection_id = ? AND w.mapping_id = ? AND w.direction = 'OUTBOUND'"
                    + " AND w.watermark = u.updated_at",
                refused,
                connectionId,
                mapping.id()))
        .isEqualTo(1);
  }

  @Test
  void neverHasMoreUnansweredCommandsThanTheWindowAndSendsNothingOnceCancelled() {
    long connectionId = fixture.connection(SyncDirection.OUTBOUND);
    modelRequiredMapping(connectionId);
    units("WINDOW-" + connectionId + "-", 1_000);
    SyncFixture.erp().entitySet(connectionId, "Equipment").keyFields("Equipment");

    connector.pause();
    long jobId = fixture.startFull(connectionId);
    SyncFixture.await("a full window sent", () -> upsertsOf(jobId) == WINDOW);
    SyncFixture.sleep(3_000);
    assertThat(upsertsOf(jobId)).isEqualTo(WINDOW);
    assertThat(commandsOf(jobId)).isEqualTo(WINDOW);
    assertThat(
            fixture.count(
                "SELECT count(*) FROM sync_command WHERE connection_id = ? AND answered_at IS NULL",
                connectionId))
        .isEqualTo(WINDOW);

    try (TopicProbe events = TopicProbe.open(TestInfrastructure.kafka(), Topics.SYNC_EVENTS)) {
      fixture.cancel(jobId);
      ConsumerRecord<String, String> cancelled =
          events.await(
              r ->
                  r.value().contains("\"" + SyncEventTypes.JOB_CANCELLED + "\"")
                      && r.value().contains("\"jobId\":" + jobId + ","),
              SyncFixture.WAIT);
      assertThat(cancelled.key()).isEqualTo(Long.toString(connectionId));
    }
    connector.resume();
    SyncFixture.await(
        "the late answers recorded",
        () -> fixture.job(jobId).path("successCount").asLong() == WINDOW);
    SyncFixture.sleep(3_000);

    JsonNode job = fixture.job(jobId);
    assertThat(job.path("status").asText()).isEqualTo("CANCELLED");
    assertThat(job.path("processedRecords").asLong()).isEqualTo(WINDOW);
    assertThat(upsertsOf(jobId)).isEqualTo(WINDOW);
    assertThat(commandsOf(jobId)).isEqualTo(WINDOW);
    assertThat(SyncFixture.erp().writes(connectionId, "Equipment")).hasSize(WINDOW);
    assertThat(ledgerRows(connectionId)).isEqualTo(WINDOW);
  }

  @Test
  void keepsTheWindowWhileTheConnectorAnswersAndCompletesEveryRecordOnce() {
    long connectionId = fixture.connection(SyncDirection.OUTBOUND);
    modelRequiredMapping(connectionId);
    units("FLOW-" + connectionId + "-", 1_500);
    SyncFixture.erp().entitySet(connectionId, "Equipment").keyFields("Equipment");

    long jobId = fixture.startFull(connectionId);
    long most = 0;
    JsonNode job = fixture.job(jobId);
    while ("RUNNING".equals(job.path("status").asText())) {
      most =
          Math.max(
              most,
              fixture.count(
                  "SELECT count(*) FROM sync_command WHERE connection_id = ?"
                      + " AND answered_at IS NULL",
                  connectionId));
      SyncFixture.sleep(20);
      job = fixture.job(jobId);
    }

    assertThat(job.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(job.path("successCount").asLong()).isEqualTo(1_500);
    assertThat(most).isBetween(1L, (long) WINDOW);
    assertThat(SyncFixture.erp().writes(connectionId, "Equipment")).hasSize(1_500);
    // rebuilt from the commands' own times: at no send were more than the window unanswered
    assertThat(
            fixture.count(
                "SELECT coalesce(max(n), 0) FROM (SELECT (SELECT count(*) FROM sync_command o"
                    + " WHERE o.connection_id = c.connection_id AND o.issued_at <= c.issued_at"
                    + " AND (o.answered_at IS NULL OR o.answered_at > c.issued_at)) AS n"
                    + " FROM sync_command c WHERE c.job_id = ?) AS overlap",
                jobId))
        .isLessThanOrEqualTo(WINDOW);
  }

  @Test
  void sendsWritesInBatchesOfTheMappingsBatchSize() {
    long connectionId = fixture.connection(SyncDirection.OUTBOUND);
    modelRequiredMapping(connectionId); // batchSize 100
    units("BATCH-" + connectionId + "-", 250);
    SyncFixture.erp().entitySet(connectionId, "Equipment").keyFields("Equipment");

    long jobId = fixture.startFull(connectionId);
    JsonNode job = fixture.awaitEnd(jobId);

    assertThat(job.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(job.path("successCount").asLong()).isEqualTo(250);
    List<Integer> sizes = batchSizesOf(jobId);
    // the first feed step fills the window (200) with two full batches; the rest waits for room
    // for a whole batch instead of going out in scraps as single answers free the window
    assertThat(sizes).containsExactlyInAnyOrder(100, 100, 50);
    assertThat(SyncFixture.erp().writes(connectionId, "Equipment")).hasSize(250);
    assertThat(ledgerRows(connectionId)).isEqualTo(250);
  }

  @Test
  void redeliveredOrReplayedAnswerCountsOnce() throws Exception {
    long connectionId = fixture.connection(SyncDirection.OUTBOUND);
    MappingSnapshot mapping = modelRequiredMapping(connectionId);
    List<Long> ids = units("REPLAY-" + connectionId + "-", 5);
    SyncFixture.erp().entitySet(connectionId, "Equipment").keyFields("Equipment");
    long jobId = fixture.startFull(connectionId);
    assertThat(fixture.awaitEnd(jobId).path("successCount").asLong()).isEqualTo(5);
    String key =
        (String)
            fixture
                .rows(
                    "SELECT idempotency_key FROM sync_command WHERE job_id = ? AND tgm_record_id ="
                        + " ?",
                    jobId,
                    ids.get(0))
                .get(0)
                .get(0);

    List<String> messageIds = new ArrayList<>();
    try (TestProducer producer = new TestProducer(TestInfrastructure.kafka())) {
      RecordApplied answer = applied(connectionId, jobId, mapping.id(), ids.get(0), key);
      String json = ContractJson.write(answer);
      producer.send(Topics.RESULTS, Topics.jobKey(jobId), json);
      producer.send(Topics.RESULTS, Topics.jobKey(jobId), json);
      RecordApplied replay = applied(connectionId, jobId, mapping.id(), ids.get(0), key);
      producer.send(Topics.RESULTS, Topics.jobKey(jobId), ContractJson.write(replay));
      messageIds.add(answer.meta().messageId());
      messageIds.add(replay.meta().messageId());
    }
    SyncFixture.await(
        "the answers consumed",
        () ->
            fixture.count(
                    "SELECT count(*) FROM processed_message WHERE message_id IN (?, ?)",
                    messageIds.get(0),
                    messageIds.get(1))
                == 2);
    SyncFixture.sleep(1_000);

    JsonNode job = fixture.job(jobId);
    assertThat(job.path("processedRecords").asLong()).isEqualTo(5);
    assertThat(job.path("successCount").asLong()).isEqualTo(5);
    assertThat(SyncFixture.erp().writes(connectionId, "Equipment")).hasSize(5);
  }

  @Test
  void bidirectionalSyncWritesNothingBackThatItJustRead() {
    long connectionId = fixture.connection(SyncDirection.BIDIRECTIONAL);
    fixture.unitMapping(connectionId, SyncDirection.BIDIRECTIONAL, 100);
    String prefix = "ECHO-" + connectionId + "-";
    SyncFixture.erp()
        .entitySet(connectionId, "Equipment")
        .keyFields("Equipment")
        .generate(
            120,
            i ->
                new com.tgm.erpsync.contracts.result.ErpRecord(
                    Map.of("Equipment", prefix + i),
                    null,
                    java.time.Instant.parse("2024-01-15T08:00:00Z").plusSeconds(i),
                    Map.of("Equipment", prefix + i, "Description", "Pump " + i, "Model", "X")));

    long first = fixture.startFull(connectionId);
    JsonNode job = fixture.awaitEnd(first);
    assertThat(job.path("status").asText()).isEqualTo("COMPLETED");
    // inbound 120 written; outbound reads the same 120 rows back and finds each unchanged
    assertThat(job.path("processedRecords").asLong()).isEqualTo(240);
    assertThat(job.path("successCount").asLong()).isEqualTo(120);
    assertThat(job.path("skipCount").asLong()).isEqualTo(120);
    assertThat(SyncFixture.erp().writes(connectionId, "Equipment")).isEmpty();

    long second = fixture.startFull(connectionId);
    JsonNode again = fixture.awaitEnd(second);
    assertThat(again.path("skipCount").asLong()).isEqualTo(240);
    assertThat(SyncFixture.erp().writes(connectionId, "Equipment")).isEmpty();
    assertThat(
            fixture.count("SELECT count(*) FROM tgm.unit WHERE serial_number LIKE ?", prefix + "%"))
        .isEqualTo(120);
  }

  @Test
  void singleRecordIsWrittenAtOnceAndAMissingOneFailsTheJob() {
    long connectionId = fixture.connection(SyncDirection.OUTBOUND);
    modelRequiredMapping(connectionId);
    List<Long> ids = units("SINGLE-" + connectionId + "-", 3);
    SyncFixture.erp().entitySet(connectionId, "Equipment").keyFields("Equipment");

    long jobId =
        fixture.startSingle(connectionId, EntityType.UNIT, Long.toString(ids.get(1)), "OUTBOUND");
    JsonNode job = fixture.awaitEnd(jobId);
    assertThat(job.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(job.path("totalRecords").asLong()).isEqualTo(1);
    assertThat(job.path("successCount").asLong()).isEqualTo(1);
    assertThat(SyncFixture.erp().writes(connectionId, "Equipment"))
        .extracting(AppliedWrite::tgmRecordId)
        .containsExactly(ids.get(1));

    long missing = fixture.startSingle(connectionId, EntityType.UNIT, "999999999", "OUTBOUND");
    JsonNode failed = fixture.awaitEnd(missing);
    assertThat(failed.path("status").asText()).isEqualTo("FAILED");
    assertThat(failed.path("errorMessage").asText())
        .isEqualTo("UNIT 999999999 does not exist in TGM");
    assertThat(upsertsOf(missing)).isZero();
  }

  // ------------------------------------------------------------------------------------ helpers

  /** Units with serial numbers prefix00001.., names and models filled; their ids in order. */
  private List<Long> units(String prefix, int count) {
    fixture.execute(
        "INSERT INTO tgm.unit (name, serial_number, manufacturer, model)"
            + " SELECT 'Unit ' || g, ? || lpad(g::text, 5, '0'), 'ACME', 'M' || (g % 7)"
            + " FROM generate_series(1, ?) AS g",
        prefix, count);
    return fixture
        .rows("SELECT id FROM tgm.unit WHERE serial_number LIKE ? ORDER BY id", prefix + "%")
        .stream()
        .map(row -> ((Number) row.get(0)).longValue())
        .toList();
  }

  /** The unit mapping, outbound, with the model required. */
  private MappingSnapshot modelRequiredMapping(long connectionId) {
    List<FieldMappingSpec> fields =
        List.of(
            SyncFixture.field("serialNumber", "Equipment", true, true),
            SyncFixture.field("name", "Description", true, false),
            SyncFixture.field("manufacturer", "Manufacturer", false, false),
            SyncFixture.field("model", "Model", true, false));
    return fixture.mapping(
        connectionId, EntityType.UNIT, "Equipment", SyncDirection.OUTBOUND, 100, fields);
  }

  private static RecordApplied applied(
      long connectionId, long jobId, long mappingId, long tgmId, String key) {
    return new RecordApplied(
        MessageMeta.create(Long.toString(jobId)),
        connectionId,
        jobId,
        mappingId,
        tgmId,
        Map.of("Equipment", "X"),
        "W/\"99\"",
        WriteOperation.UPDATED,
        key);
  }

  private static Map<Long, JsonNode> byTgmId(JsonNode logs) {
    return StreamSupport.stream(logs.spliterator(), false)
        .collect(Collectors.toMap(log -> log.path("tgmRecordId").asLong(), log -> log));
  }

  private long ledgerRows(long connectionId) {
    return fixture.count("SELECT count(*) FROM sync_ledger WHERE connection_id = ?", connectionId);
  }

  /** Writes sent for the job, whether alone or in batches. */
  private long upsertsOf(long jobId) {
    return batchSizesOf(jobId).stream().mapToLong(Integer::longValue).sum();
  }

  /** The number of writes of each write command of the job. */
  private List<Integer> batchSizesOf(long jobId) {
    List<Integer> sizes = new ArrayList<>();
    connector.commands(UpsertRecord.class).stream()
        .filter(c -> c.jobId() == jobId)
        .forEach(c -> sizes.add(1));
    connector.commands(UpsertRecords.class).stream()
        .filter(c -> c.jobId() == jobId)
        .forEach(c -> sizes.add(c.writes().size()));
    return sizes;
  }

  private long commandsOf(long jobId) {
    return fixture.count("SELECT count(*) FROM sync_command WHERE job_id = ?", jobId);
  }
}
