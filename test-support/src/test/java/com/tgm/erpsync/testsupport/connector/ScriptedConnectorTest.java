package com.tgm.erpsync.testsupport.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.command.ConnectorCommand;
import com.tgm.erpsync.contracts.command.DeleteRecord;
import com.tgm.erpsync.contracts.command.ExtractPage;
import com.tgm.erpsync.contracts.command.FetchRecord;
import com.tgm.erpsync.contracts.command.RecordWrite;
import com.tgm.erpsync.contracts.command.TestConnection;
import com.tgm.erpsync.contracts.command.UpsertRecord;
import com.tgm.erpsync.contracts.command.UpsertRecords;
import com.tgm.erpsync.contracts.result.ConnectionTested;
import com.tgm.erpsync.contracts.result.ConnectorResult;
import com.tgm.erpsync.contracts.result.ErpRecord;
import com.tgm.erpsync.contracts.result.ExtractFailed;
import com.tgm.erpsync.contracts.result.PageExtracted;
import com.tgm.erpsync.contracts.result.RecordApplied;
import com.tgm.erpsync.contracts.result.RecordFailed;
import com.tgm.erpsync.contracts.result.RecordFetched;
import com.tgm.erpsync.contracts.result.WriteOperation;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.RealInfrastructureExtension;
import com.tgm.erpsync.testsupport.TestProducer;
import com.tgm.erpsync.testsupport.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealInfrastructureExtension.class)
class ScriptedConnectorTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String EQUIPMENT = "Equipment";
  private static final long MAPPING_ID = 7;
  private static final Instant T0 = Instant.parse("2024-01-15T10:30:00Z");

  /** Ids unique on a broker that outlives one run, so answers of earlier runs never match. */
  private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() * 1_000);

  private final long connectionId = IDS.incrementAndGet();
  private final long jobId = IDS.incrementAndGet();
  private KafkaEndpoint kafka;
  private Instant testStarted;
  private ScriptedErp erp;
  private ScriptedConnector connector;
  private TopicProbe results;
  private TestProducer producer;

  @BeforeEach
  void startConnector(KafkaEndpoint kafka) {
    this.kafka = kafka;
    testStarted = Instant.now();
    erp = new ScriptedErp();
    erp.entitySet(connectionId, EQUIPMENT).keyFields(EQUIPMENT);
    results = TopicProbe.open(kafka, Topics.RESULTS);
    producer = new TestProducer(kafka);
    connector = ScriptedConnector.builder(kafka, erp).answerCommandsSentSince(testStarted).start();
  }

  @AfterEach
  void stopConnector() {
    connector.close();
    producer.close();
    results.close();
  }

  @Test
  void pagesThroughAnEntitySetInKeyOrderWithChainedCursors() {
    erp.entitySet(connectionId, EQUIPMENT).generate(2_500, i -> equipment(i, T0.plusSeconds(i)));

    ExtractPage first = extract(null, 1_000, null);
    ConsumerRecord<String, String> firstAnswer = send(first).get(0);
    PageExtracted page1 = (PageExtracted) ContractJson.result(firstAnswer.value());
    PageExtracted page2 = ask(extract(page1.nextCursor(), 1_000, null), PageExtracted.class);
    PageExtracted page3 = ask(extract(page2.nextCursor(), 1_000, null), PageExtracted.class);

    assertThat(firstAnswer.key()).isEqualTo(Topics.jobKey(jobId));
    assertThat(page1.meta().correlationId()).isEqualTo(first.meta().correlationId());
    assertThat(page1.meta().messageId()).isNotEqualTo(first.meta().messageId());
    assertThat(List.of(page1.jobId(), page1.mappingId(), page1.connectionId()))
        .containsExactly(jobId, MAPPING_ID, connectionId);
    assertThat(List.of(page1.records().size(), page2.records().size(), page3.records().size()))
        .containsExactly(1_000, 1_000, 500);
    assertThat(page1.cursor()).isNull();
    assertThat(page1.nextCursor()).isNotNull();
    assertThat(page2.cursor()).isEqualTo(page1.nextCursor());
    assertThat(page2.nextCursor()).isNotNull().isNotEqualTo(page1.nextCursor());
    assertThat(page3.cursor()).isEqualTo(page2.nextCursor());
    assertThat(page3.nextCursor()).isNull();
    assertThat(List.of(page1.totalCount(), page2.totalCount(), page3.totalCount()))
        .containsOnly(2_500L);
    List<String> keys = new ArrayList<>();
    for (PageExtracted page : List.of(page1, page2, page3)) {
      page.records().forEach(r -> keys.add(r.key().get(EQUIPMENT)));
    }
    assertThat(keys)
        .containsExactlyElementsOf(
            IntStream.range(0, 2_500).mapToObj(this::equipmentNumber).toList());
    assertThat(page3.records().get(499).values()).containsEntry("Description", "Pump 2499");
  }

  @Test
  void reportsNoTotalCountWhenTheErpDoesNotCount() {
    erp.entitySet(connectionId, EQUIPMENT)
        .countsTotal(false)
        .generate(3, i -> equipment(i, T0.plusSeconds(i)));

    PageExtracted page = ask(extract(null, 1_000, null), PageExtracted.class);

    assertThat(page.totalCount()).isNull();
    assertThat(page.records()).hasSize(3);
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void incrementalExtractIncludesTheRecordModifiedAtTheBoundary() {
    erp.entitySet(connectionId, EQUIPMENT)
        .put(equipment(1, T0.minusMillis(1)))
        .put(equipment(2, T0))
        .put(equipment(3, T0.plusSeconds(60)));

    PageExtracted page = ask(extract(null, 1_000, T0), PageExtracted.class);

    assertThat(page.records())
        .extracting(r -> r.key().get(EQUIPMENT))
        .containsExactly(equipmentNumber(2), equipmentNumber(3));
    assertThat(page.totalCount()).isEqualTo(2L);
  }

  @Test
  void holdsAHundredThousandGeneratedRecordsAndPagesThem() {
    erp.entitySet(connectionId, EQUIPMENT).generate(100_000, i -> equipment(i, T0.plusMillis(i)));

    PageExtracted page = ask(extract(null, 1_000, null), PageExtracted.class);

    assertThat(erp.entitySet(connectionId, EQUIPMENT).size()).isEqualTo(100_000);
    assertThat(page.totalCount()).isEqualTo(100_000L);
    assertThat(page.records()).hasSize(1_000);
    assertThat(page.records().get(999).key()).containsEntry(EQUIPMENT, equipmentNumber(999));
  }

  @Test
  void answersAPageTooLargeForOneKafkaMessageWithExtractFailed() {
    String longText = "x".repeat(2_000);
    erp.entitySet(connectionId, EQUIPMENT)
        .generate(
            1_000,
            i ->
                new ErpRecord(
                    Map.of(EQUIPMENT, equipmentNumber(i)), null, T0, Map.of("LongText", longText)));

    ExtractFailed failed = ask(extract(null, 1_000, null), ExtractFailed.class);
    PageExtracted smaller = ask(extract(null, 100, null), PageExtracted.class);

    assertThat(failed.errorCode()).isEqualTo(ErrorCode.INTERNAL_ERROR);
    assertThat(failed.retryable()).isFalse();
    assertThat(failed.message()).contains("ask for smaller pages");
    assertThat(smaller.records()).hasSize(100);
  }

  @Test
  void createsARecordThenUpdatesItUnderItsEtag() {
    RecordApplied created =
        ask(upsert(write(42L, null, null, "k-create", "EQ-1", "Pump")), RecordApplied.class);
    Instant beforeUpdate = Instant.now();
    RecordApplied updated =
        ask(
            upsert(
                new RecordWrite(
                    42L,
                    Map.of(EQUIPMENT, "EQ-1"),
                    created.etag(),
                    Map.of("Description", "Pump, overhauled"),
                    "k-update")),
            RecordApplied.class);

    assertThat(created.operation()).isEqualTo(WriteOperation.CREATED);
    assertThat(created.erpKey()).isEqualTo(Map.of(EQUIPMENT, "EQ-1"));
    assertThat(created.etag()).isNotBlank();
    assertThat(created.tgmRecordId()).isEqualTo(42L);
    assertThat(created.idempotencyKey()).isEqualTo("k-create");
    assertThat(updated.operation()).isEqualTo(WriteOperation.UPDATED);
    assertThat(updated.etag()).isNotBlank().isNotEqualTo(created.etag());
    ErpRecord stored = erp.entitySet(connectionId, EQUIPMENT).get(Map.of(EQUIPMENT, "EQ-1")).get();
    assertThat(stored.etag()).isEqualTo(updated.etag());
    assertThat(stored.modifiedAt()).isAfterOrEqualTo(beforeUpdate);
    assertThat(stored.values())
        .containsEntry(EQUIPMENT, "EQ-1")
        .containsEntry("Description", "Pump, overhauled");
    assertThat(erp.writes())
        .extracting(AppliedWrite::operation, AppliedWrite::idempotencyKey, AppliedWrite::erpKey)
        .containsExactly(
            tuple(WriteOperation.CREATED, "k-create", Map.of(EQUIPMENT, "EQ-1")),
            tuple(WriteOperation.UPDATED, "k-update", Map.of(EQUIPMENT, "EQ-1")));
    RecordFetched fetched =
        ask(
            new FetchRecord(
                meta(), connectionId, jobId, MAPPING_ID, EQUIPMENT, Map.of(EQUIPMENT, "EQ-1")),
            RecordFetched.class);
    assertThat(fetched.record()).isEqualTo(stored);
  }

  @Test
  void appliesAReplayedUpsertOnceAndAnswersItAlike() {
    UpsertRecord command = upsert(write(5L, null, null, "k-replayed", "EQ-5", "Compressor"));

    List<ConsumerRecord<String, String>> answers = sendTwice(command);

    RecordApplied first = (RecordApplied) ContractJson.result(answers.get(0).value());
    RecordApplied second = (RecordApplied) ContractJson.result(answers.get(1).value());
    assertThat(second.meta().messageId()).isNotEqualTo(first.meta().messageId());
    assertThat(second)
        .usingRecursiveComparison()
        .ignoringFields("meta.messageId", "meta.occurredAt")
        .isEqualTo(first);
    assertThat(first.operation()).isEqualTo(WriteOperation.CREATED);
    assertThat(erp.writes()).hasSize(1);
  }

  @Test
  void refusesAWriteWhoseIfMatchIsStale() {
    ErpRecord current = new ErpRecord(Map.of(EQUIPMENT, "EQ-8"), "W/\"7\"", T0, Map.of());
    erp.entitySet(connectionId, EQUIPMENT).put(current);

    RecordFailed failed =
        ask(
            upsert(
                new RecordWrite(
                    8L, Map.of(EQUIPMENT, "EQ-8"), "W/\"6\"", Map.of("Description", "x"), "k-8")),
            RecordFailed.class);

    assertThat(failed.errorCode()).isEqualTo(ErrorCode.ETAG_MISMATCH);
    assertThat(failed.retryable()).isTrue();
    assertThat(failed.tgmRecordId()).isEqualTo(8L);
    assertThat(failed.erpKey()).isEqualTo(Map.of(EQUIPMENT, "EQ-8"));
    assertThat(erp.entitySet(connectionId, EQUIPMENT).get(Map.of(EQUIPMENT, "EQ-8")))
        .contains(current);
    assertThat(erp.writes()).isEmpty();
  }

  @Test
  void aScriptedExtractFailureThatRepeatsFailsTheNthAndEveryLaterPage() {
    erp.entitySet(connectionId, EQUIPMENT)
        .generate(30, i -> equipment(i, T0))
        .failExtract(2, Fault.always(ErrorCode.AUTH_FAILED, "401 Unauthorized", false));

    PageExtracted page1 = ask(extract(null, 10, null), PageExtracted.class);
    ExtractFailed failed = ask(extract(page1.nextCursor(), 10, null), ExtractFailed.class);
    ExtractFailed again = ask(extract(page1.nextCursor(), 10, null), ExtractFailed.class);

    assertThat(failed.errorCode()).isEqualTo(ErrorCode.AUTH_FAILED);
    assertThat(failed.message()).isEqualTo("401 Unauthorized");
    assertThat(failed.retryable()).isFalse();
    assertThat(failed.cursor()).isEqualTo(page1.nextCursor());
    assertThat(List.of(failed.jobId(), failed.mappingId())).containsExactly(jobId, MAPPING_ID);
    assertThat(again.errorCode()).isEqualTo(ErrorCode.AUTH_FAILED);
  }

  @Test
  void aScriptedExtractFailureOnceLetsTheRetrySucceed() {
    erp.entitySet(connectionId, EQUIPMENT)
        .generate(3, i -> equipment(i, T0))
        .failExtract(1, Fault.once(ErrorCode.ERP_UNAVAILABLE, "503 Service Unavailable"));

    ExtractFailed failed = ask(extract(null, 10, null), ExtractFailed.class);
    PageExtracted retried = ask(extract(null, 10, null), PageExtracted.class);

    assertThat(failed.errorCode()).isEqualTo(ErrorCode.ERP_UNAVAILABLE);
    assertThat(failed.retryable()).isTrue();
    assertThat(retried.records()).hasSize(3);
  }

  @Test
  void aScriptedRecordFailureOnceLetsTheRetriedCommandSucceed() {
    erp.entitySet(connectionId, EQUIPMENT)
        .failWritesForKey(
            Map.of(EQUIPMENT, "EQ-9"),
            Fault.once(ErrorCode.VALIDATION_ERROR, "Plant 9999 does not exist", false));
    RecordWrite write = write(9L, null, null, "k-9", "EQ-9", "Valve");

    RecordFailed failed = ask(upsert(write), RecordFailed.class);
    assertThat(erp.writes()).isEmpty();
    RecordApplied retried = ask(upsert(write), RecordApplied.class);

    assertThat(failed.errorCode()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(failed.message()).isEqualTo("Plant 9999 does not exist");
    assertThat(failed.retryable()).isFalse();
    assertThat(failed.erpKey()).isEqualTo(Map.of(EQUIPMENT, "EQ-9"));
    assertThat(failed.idempotencyKey()).isEqualTo("k-9");
    assertThat(retried.operation()).isEqualTo(WriteOperation.CREATED);
    assertThat(erp.writes()).extracting(AppliedWrite::tgmRecordId).containsExactly(9L);
  }

  @Test
  void aScriptedRecordFailureThatRepeatsRefusesEveryWriteOfThatTgmRecord() {
    erp.entitySet(connectionId, EQUIPMENT)
        .failWritesForTgmRecord(
            77L, Fault.always(ErrorCode.ERP_ERROR, "Equipment is locked by user JDOE"));

    RecordFailed first =
        ask(upsert(write(77L, null, null, "k-77a", "EQ-77", "x")), RecordFailed.class);
    RecordFailed second =
        ask(upsert(write(77L, null, null, "k-77b", "EQ-77", "x")), RecordFailed.class);
    RecordApplied other =
        ask(upsert(write(78L, null, null, "k-78", "EQ-78", "y")), RecordApplied.class);

    assertThat(List.of(first.errorCode(), second.errorCode())).containsOnly(ErrorCode.ERP_ERROR);
    assertThat(first.retryable()).isFalse();
    assertThat(other.erpKey()).isEqualTo(Map.of(EQUIPMENT, "EQ-78"));
    assertThat(erp.writes()).extracting(AppliedWrite::tgmRecordId).containsExactly(78L);
  }

  @Test
  void holdsAnswersWhilePausedAndAnswersThemInOrderOnResume() {
    connector.pause();
    List<UpsertRecord> commands =
        IntStream.rangeClosed(1, 3)
            .mapToObj(i -> upsert(write((long) i, null, null, "k-p" + i, "EQ-P" + i, "x")))
            .toList();
    commands.forEach(
        c ->
            producer.send(
                Topics.COMMANDS_SAP, Topics.connectionKey(connectionId), ContractJson.write(c)));

    connector.awaitReceived(UpsertRecord.class, 3, TIMEOUT);
    assertThat(connector.answered(UpsertRecord.class)).isZero();
    assertThat(erp.writes()).isEmpty();
    connector.resume();
    List<String> correlationIds = commands.stream().map(c -> c.meta().correlationId()).toList();
    List<ConsumerRecord<String, String>> answers =
        results.awaitCount(r -> correlationIds.contains(correlationOf(r)), 3, TIMEOUT);

    assertThat(answers).extracting(this::correlationOf).containsExactlyElementsOf(correlationIds);
    assertThat(erp.writes())
        .extracting(AppliedWrite::idempotencyKey)
        .containsExactly("k-p1", "k-p2", "k-p3");
    assertThat(connector.commands(UpsertRecord.class)).containsExactlyElementsOf(commands);
  }

  @Test
  void answersABatchWithOneResultPerWriteAndDeletesAtLeastOnce() {
    UpsertRecords batch =
        new UpsertRecords(
            meta(),
            connectionId,
            jobId,
            MAPPING_ID,
            EQUIPMENT,
            List.of(
                write(1L, null, null, "k-b1", "EQ-B1", "x"),
                write(2L, null, null, "k-b2", "EQ-B2", "y")));
    List<RecordApplied> applied =
        send(batch, 2).stream().map(r -> (RecordApplied) ContractJson.result(r.value())).toList();
    RecordApplied deleted = ask(delete(Map.of(EQUIPMENT, "EQ-B1"), "k-d1"), RecordApplied.class);
    RecordApplied deletedAgain =
        ask(delete(Map.of(EQUIPMENT, "EQ-B1"), "k-d2"), RecordApplied.class);

    assertThat(applied)
        .extracting(RecordApplied::tgmRecordId, RecordApplied::operation)
        .containsExactly(tuple(1L, WriteOperation.CREATED), tuple(2L, WriteOperation.CREATED));
    assertThat(deleted.operation()).isEqualTo(WriteOperation.DELETED);
    assertThat(deletedAgain.operation()).isEqualTo(WriteOperation.UNCHANGED);
    assertThat(erp.entitySet(connectionId, EQUIPMENT).records())
        .extracting(r -> r.key().get(EQUIPMENT))
        .containsExactly("EQ-B2");
    assertThat(erp.writes())
        .extracting(AppliedWrite::operation)
        .containsExactly(WriteOperation.CREATED, WriteOperation.CREATED, WriteOperation.DELETED);
  }

  @Test
  void waitsTheScriptedDelayBeforeAnswering() {
    connector.delayEachCommand(Duration.ofMillis(300));
    TestConnection test = new TestConnection(meta(), connectionId);

    ConnectionTested tested = ask(test, ConnectionTested.class);

    assertThat(tested.meta().occurredAt())
        .isAfterOrEqualTo(test.meta().occurredAt().plusMillis(300));
  }

  @Test
  void answersAFetchOfAMissingRecordWithNotFound() {
    RecordFailed failed =
        ask(
            new FetchRecord(
                meta(), connectionId, jobId, MAPPING_ID, EQUIPMENT, Map.of(EQUIPMENT, "EQ-404")),
            RecordFailed.class);

    assertThat(failed.errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(failed.retryable()).isFalse();
    assertThat(failed.erpKey()).isEqualTo(Map.of(EQUIPMENT, "EQ-404"));
  }

  @Test
  void skipsAnUndecodableCommandAndAnswersTheNext() {
    String key = Topics.connectionKey(connectionId);
    producer.send(Topics.COMMANDS_ORACLE, key, "not json");
    producer.send(Topics.COMMANDS_ORACLE, key, "{\"type\":\"FormatDisk\",\"connectionId\":1}");
    TestConnection test = new TestConnection(meta(), connectionId);
    producer.send(Topics.COMMANDS_ORACLE, key, ContractJson.write(test));

    ConsumerRecord<String, String> answer =
        results.await(r -> test.meta().correlationId().equals(correlationOf(r)), TIMEOUT);

    assertThat(answer.key()).isEqualTo(Topics.connectionKey(connectionId));
    assertThat(((ConnectionTested) ContractJson.result(answer.value())).success()).isTrue();
    assertThat(connector.undecodable()).isEqualTo(2);
  }

  @Test
  void answersCommandsSentBeforeItStarted() {
    TestConnection test = new TestConnection(meta(), connectionId);
    producer.send(
        Topics.COMMANDS_DYNAMICS, Topics.connectionKey(connectionId), ContractJson.write(test));
    ScriptedErp sandbox = new ScriptedErp().erpType(connectionId, ErpType.DYNAMICS_365_BC);

    try (ScriptedConnector late = ScriptedConnector.start(kafka, sandbox)) {
      ConsumerRecord<String, String> answer =
          results.await(
              r ->
                  test.meta().correlationId().equals(correlationOf(r))
                      && r.value().contains(ErpType.DYNAMICS_365_BC.name()),
              TIMEOUT);

      ConnectionTested tested = (ConnectionTested) ContractJson.result(answer.value());
      assertThat(tested.success()).isTrue();
      assertThat(tested.message())
          .isEqualTo("Successfully connected to Dynamics 365 Business Central");
      assertThat(late.received(TestConnection.class)).isPositive();
    }
  }

  @Test
  void aConnectorOfTheSameGroupAnswersWhatAClosedOneLeftUnanswered() {
    connector.close(); // only the connectors of the shared group may answer here
    String group = "scripted-connector-handover-" + connectionId;
    UpsertRecord answeredFirst = upsert(write(1L, null, null, "k-h1", "EQ-H1", "x"));
    UpsertRecord leftOver = upsert(write(2L, null, null, "k-h2", "EQ-H2", "y"));
    try (ScriptedConnector first =
        ScriptedConnector.builder(kafka, erp)
            .groupId(group)
            .answerCommandsSentSince(testStarted)
            .start()) {
      send(answeredFirst);
      first.pause();
      producer.send(
          Topics.COMMANDS_SAP, Topics.connectionKey(connectionId), ContractJson.write(leftOver));
      first.awaitReceived(UpsertRecord.class, 2, TIMEOUT);
    }

    try (ScriptedConnector second =
        ScriptedConnector.builder(kafka, erp)
            .groupId(group)
            .answerCommandsSentSince(testStarted)
            .start()) {
      results.await(r -> leftOver.meta().correlationId().equals(correlationOf(r)), TIMEOUT);

      assertThat(second.commands(UpsertRecord.class)).containsExactly(leftOver);
    }
    assertThat(erp.writes()).extracting(AppliedWrite::idempotencyKey).contains("k-h2");
  }

  private ExtractPage extract(String cursor, int pageSize, Instant modifiedSince) {
    return new ExtractPage(
        meta(),
        connectionId,
        jobId,
        MAPPING_ID,
        1,
        EQUIPMENT,
        cursor,
        pageSize,
        modifiedSince,
        modifiedSince == null ? null : "LastChangeDateTime",
        null);
  }

  private UpsertRecord upsert(RecordWrite write) {
    return new UpsertRecord(meta(), connectionId, jobId, MAPPING_ID, EQUIPMENT, write);
  }

  private DeleteRecord delete(Map<String, String> erpKey, String idempotencyKey) {
    return new DeleteRecord(
        meta(), connectionId, jobId, MAPPING_ID, EQUIPMENT, null, erpKey, null, idempotencyKey);
  }

  private static RecordWrite write(
      Long tgmRecordId,
      Map<String, String> erpKey,
      String ifMatch,
      String idempotencyKey,
      String equipment,
      String description) {
    return new RecordWrite(
        tgmRecordId,
        erpKey,
        ifMatch,
        Map.of(EQUIPMENT, equipment, "Description", description),
        idempotencyKey);
  }

  private ErpRecord equipment(int i, Instant modifiedAt) {
    return new ErpRecord(
        Map.of(EQUIPMENT, equipmentNumber(i)),
        null,
        modifiedAt,
        Map.of(EQUIPMENT, equipmentNumber(i), "Description", "Pump " + i));
  }

  private String equipmentNumber(int i) {
    return String.format("EQ-%06d", i);
  }

  /** Each command its own correlation id, so a test picks out exactly its answers. */
  private static MessageMeta meta() {
    return MessageMeta.create(UUID.randomUUID().toString());
  }

  private <R extends ConnectorResult> R ask(ConnectorCommand command, Class<R> type) {
    ConnectorResult result = ContractJson.result(send(command).get(0).value());
    assertThat(result).isInstanceOf(type);
    return type.cast(result);
  }

  private List<ConsumerRecord<String, String>> send(ConnectorCommand command) {
    return send(command, 1);
  }

  private List<ConsumerRecord<String, String>> send(ConnectorCommand command, int answers) {
    producer.send(
        Topics.COMMANDS_SAP, Topics.connectionKey(connectionId), ContractJson.write(command));
    String correlationId = command.meta().correlationId();
    return results.awaitCount(r -> correlationId.equals(correlationOf(r)), answers, TIMEOUT);
  }

  private List<ConsumerRecord<String, String>> sendTwice(ConnectorCommand command) {
    String json = ContractJson.write(command);
    producer.send(Topics.COMMANDS_SAP, Topics.connectionKey(connectionId), json);
    producer.send(Topics.COMMANDS_SAP, Topics.connectionKey(connectionId), json);
    String correlationId = command.meta().correlationId();
    return results.awaitCount(r -> correlationId.equals(correlationOf(r)), 2, TIMEOUT);
  }

  private String correlationOf(ConsumerRecord<String, String> record) {
    try {
      return ContractJson.result(record.value()).meta().correlationId();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
