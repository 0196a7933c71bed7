package com.tgm.erpsync.connector.sap.odata;

import static org.assertj.core.api.Assertions.assertThat;

import com.tgm.erpsync.connections.SecretDecryptor;
import com.tgm.erpsync.connector.kit.http.ErpHttpClients;
import com.tgm.erpsync.connector.kit.http.HttpPolicy;
import com.tgm.erpsync.contracts.AuthType;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.command.ExtractPage;
import com.tgm.erpsync.contracts.command.RecordWrite;
import com.tgm.erpsync.contracts.command.TestConnection;
import com.tgm.erpsync.contracts.command.UpsertRecord;
import com.tgm.erpsync.contracts.command.UpsertRecords;
import com.tgm.erpsync.contracts.result.ConnectionTested;
import com.tgm.erpsync.contracts.result.ConnectorResult;
import com.tgm.erpsync.contracts.result.ErpRecord;
import com.tgm.erpsync.contracts.result.PageExtracted;
import com.tgm.erpsync.contracts.result.RecordApplied;
import com.tgm.erpsync.contracts.result.RecordFailed;
import com.tgm.erpsync.contracts.result.WriteOperation;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.contracts.snapshot.EncryptedSecret;
import com.tgm.erpsync.sandbox.core.Knobs;
import com.tgm.erpsync.sandbox.core.SandboxOptions;
import com.tgm.erpsync.sandbox.core.SapSandbox;
import com.tgm.erpsync.sandbox.core.journal.JournalEntry;
import com.tgm.erpsync.sandbox.core.journal.JournalFilter;
import com.tgm.erpsync.sandbox.core.tls.ClientIdentity;
import com.tgm.erpsync.testsupport.SealedSecrets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SAP OData dialect against the SAP sandbox over real HTTP: S/4HANA OData V2 and V4 reads,
 * writes with CSRF tokens and ETags, idempotent creates, connection tests, and ECC over mutual TLS.
 * The sandbox's request journal says what SAP received.
 */
class SapODataDialectTest {
  private static final int RECORDS = 3_000;
  private static final AtomicLong IDS = new AtomicLong(800_000);
  private static SapSandbox sandbox;
  private static ErpHttpClients clients;
  private static SapODataDialect dialect;

  @BeforeAll
  static void startSandbox() {
    sandbox =
        SapSandbox.start(
            SandboxOptions.builder().equipmentCount(RECORDS).eccEquipmentCount(500).build());
    clients =
        new ErpHttpClients(
            HttpPolicy.defaults(),
            new SecretDecryptor(SealedSecrets.KEYS),
            new SimpleMeterRegistry(),
            null);
    dialect = new SapODataDialect(clients);
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @BeforeEach
  void freshSandbox() {
    sandbox.reset();
  }

  @Test
  void extractsEveryEquipmentRecordOncePageByPageWithTheTotal() {
    ConnectionSnapshot s4 = s4(SandboxOptions.DEFAULT_PASSWORD);
    List<PageExtracted> pages = extractAll(s4, "Equipment", 1000, null);

    // the count ends the read: no empty page after the last full one
    assertThat(pages).hasSize(RECORDS / 1000);
    assertThat(sandbox.journal().count(JournalFilter.all().method("GET")))
        .isEqualTo(RECORDS / 1000);
    assertThat(pages.get(0).totalCount()).isEqualTo((long) RECORDS);
    Set<Map<String, String>> keys = new HashSet<>();
    pages.forEach(page -> page.records().forEach(record -> keys.add(record.key())));
    assertThat(keys).hasSize(RECORDS);
    ErpRecord first = pages.get(0).records().get(0);
    assertThat(first.key()).containsOnlyKeys("Equipment", "ValidityEndDate");
    assertThat(first.key().get("ValidityEndDate")).isEqualTo("9999-12-31T00:00:00");
    assertThat(first.etag()).isNotBlank();
    assertThat(first.modifiedAt()).isNotNull();
    assertThat(first.values()).containsKey("EquipmentName").doesNotContainKey("__metadata");
    // every call named the SAP client and asked for JSON
    assertThat(sandbox.journal().entries())
        .allSatisfy(entry -> assertThat(entry.query()).contains("sap-client=100"));
  }

  @Test
  void readsTheSameDataThroughTheOdataV4Service() {
    ConnectionSnapshot s4 = s4(SandboxOptions.DEFAULT_PASSWORD);
    List<PageExtracted> pages =
        extractAll(s4, "api_equipment/srvd_a2x/sap/equipment/0001/Equipment", 700, null);
    assertThat(pages.stream().mapToInt(page -> page.records().size()).sum()).isEqualTo(RECORDS);
    assertThat(pages.get(0).totalCount()).isEqualTo((long) RECORDS);
    assertThat(pages.get(0).records().get(0).etag()).isNotBlank();
  }

  @Test
  void anIncrementalExtractReadsOnlyWhatChangedSinceTheWatermark() {
    ConnectionSnapshot s4 = s4(SandboxOptions.DEFAULT_PASSWORD);
    ErpRecord record = extractAll(s4, "Equipment", 1000, null).get(1).records().get(5);
    sandbox.clock().advance(Duration.ofDays(400));
    Instant watermark = sandbox.clock().instant();
    sandbox.clock().advance(Duration.ofMinutes(1));
    RecordApplied applied =
        (RecordApplied)
            upsert(s4, record.key(), record.etag(), Map.of("EquipmentName", "Changed pump"));
    assertThat(applied.operation()).isEqualTo(WriteOperation.UPDATED);

    List<PageExtracted> delta = extractAll(s4, "Equipment", 1000, watermark);
    List<ErpRecord> changed = delta.stream().flatMap(page -> page.records().stream()).toList();
    assertThat(changed).hasSize(1);
    assertThat(changed.get(0).key()).isEqualTo(record.key());
    assertThat(changed.get(0).values()).containsEntry("EquipmentName", "Changed pump");
    assertThat(changed.get(0).etag()).isEqualTo(applied.etag());
  }

  @Test
  void updatesWithTheCsrfTokenAndTheLedgersEtagAndOnlyOnce() {
    ConnectionSnapshot s4 = s4(SandboxOptions.DEFAULT_PASSWORD);
    ErpRecord record = extractAll(s4, "Equipment", 1000, null).get(0).records().get(0);
    sandbox.journal().clear();

    ConnectorResult result =
        upsert(s4, record.key(), record.etag(), Map.of("EquipmentName", "Overhauled pump"));

    assertThat(result).isInstanceOf(RecordApplied.class);
    RecordApplied applied = (RecordApplied) result;
    assertThat(applied.erpKey()).isEqualTo(record.key());
    assertThat(applied.etag()).isNotBlank().isNotEqualTo(record.etag());
    List<JournalEntry> writes = sandbox.journal().find(JournalFilter.all().method("PATCH"));
    assertThat(writes).hasSize(1);
    assertThat(writes.get(0).status()).isEqualTo(204);
    assertThat(writes.get(0).header("If-Match")).isEqualTo(record.etag());
    assertThat(writes.get(0).header("X-CSRF-Token")).isNotBlank().isNotEqualTo("Fetch");
    assertThat(writes.get(0).header("Authorization")).isEqualTo("Basic");
    // the ledger's key and ETag address the entity: no read of it before the write
    assertThat(
            sandbox.journal().count(JournalFilter.all().method("GET").pathContains("Equipment(")))
        .isZero();
  }

  @Test
  void aStaleEtagIsAnEtagMismatchAndChangesNothing() {
    ConnectionSnapshot s4 = s4(SandboxOptions.DEFAULT_PASSWORD);
    ErpRecord record = extractAll(s4, "Equipment", 1000, null).get(0).records().get(1);
    upsert(s4, record.key(), record.etag(), Map.of("EquipmentName", "First change"));

    ConnectorResult stale =
        upsert(s4, record.key(), record.etag(), Map.of("EquipmentName", "Lost update"));

    assertThat(stale).isInstanceOf(RecordFailed.class);
    assertThat(((RecordFailed) stale).errorCode()).isEqualTo(ErrorCode.ETAG_MISMATCH);
    assertThat(((RecordFailed) stale).retryable()).isFalse();
    assertThat(sandbox.journal().count(JournalFilter.all().method("PATCH").status(204)))
        .isEqualTo(1);
  }

  @Test
  void anExpiredCsrfTokenIsFetchedAgainAndTheWriteSentOnceMore() {
    ConnectionSnapshot s4 = s4(SandboxOptions.DEFAULT_PASSWORD);
    List<ErpRecord> records = extractAll(s4, "Equipment", 1000, null).get(0).records();
    upsert(s4, records.get(2).key(), records.get(2).etag(), Map.of("EquipmentName", "A"));
    sandbox.expireCsrfTokens();
    sandbox.journal().clear();

    ConnectorResult result =
        upsert(s4, records.get(3).key(), records.get(3).etag(), Map.of("EquipmentName", "B"));

    assertThat(result).isInstanceOf(RecordApplied.class);
    List<JournalEntry> patches = sandbox.journal().find(JournalFilter.all().method("PATCH"));
    assertThat(patches).extracting(JournalEntry::status).containsExactly(403, 204);
    assertThat(
            sandbox.journal().find(JournalFilter.all().method("GET")).stream()
                .filter(entry -> "Fetch".equals(entry.header("X-CSRF-Token"))))
        .hasSize(1);
  }

  @Test
  void aReplayedCreateFindsTheRecordInsteadOfCreatingASecondOne() {
    ConnectionSnapshot s4 = s4(SandboxOptions.DEFAULT_PASSWORD);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("Equipment", "TGM-" + IDS.incrementAndGet());
    values.put("ValidityEndDate", "/Date(253402214400000)/");
    values.put("EquipmentName", "Booster pump");
    values.put("EquipmentCategory", "M");

    RecordApplied created = (RecordApplied) upsert(s4, null, null, values);
    RecordApplied replayed = (RecordApplied) upsert(s4, null, null, values);

    assertThat(created.operation()).isEqualTo(WriteOperation.CREATED);
    assertThat(created.erpKey())
        .containsEntry("Equipment", (String) values.get("Equipment"))
        .containsEntry("ValidityEndDate", "9999-12-31T00:00:00");
    assertThat(replayed.operation()).isEqualTo(WriteOperation.UPDATED);
    assertThat(replayed.erpKey()).isEqualTo(created.erpKey());
    assertThat(sandbox.journal().count(JournalFilter.all().method("POST").status(201)))
        .isEqualTo(1);
    // SAP holds the replayed values already: nothing is written again
    assertThat(sandbox.journal().count(JournalFilter.all().method("PATCH"))).isZero();
  }

  @Test
  void writesSeveralRecordsAsOneBatchWithAChangeSetPerRecord() {
    ConnectionSnapshot s4 = s4(SandboxOptions.DEFAULT_PASSWORD);
    List<ErpRecord> records = extractAll(s4, "Equipment", 1000, null).get(0).records();
    ErpRecord changedMeanwhile = records.get(25);
    upsert(s4, changedMeanwhile.key(), changedMeanwhile.etag(), Map.of("EquipmentName", "In SAP"));
    sandbox.journal().clear();
    List<RecordWrite> writes = new java.util.ArrayList<>();
    for (ErpRecord record : records.subList(10, 30)) {
      writes.add(
          write(record.key(), record.etag(), Map.of("EquipmentName", "Batch " + record.key())));
    }

    List<ConnectorResult> results = dialect.execute(upsertAll(s4, writes), s4);

    assertThat(results).hasSize(20);
    // consumers deduplicate by message id: each result is a message of its own
    assertThat(results.stream().map(r -> r.meta().messageId()).distinct()).hasSize(20);
    for (int i = 0; i < 20; i++) {
      ConnectorResult result = results.get(i);
      if (i == 15) {
        // the stale one alone is refused; its change set does not fail its siblings
        assertThat(result).isInstanceOf(RecordFailed.class);
        assertThat(((RecordFailed) result).errorCode()).isEqualTo(ErrorCode.ETAG_MISMATCH);
        assertThat(((RecordFailed) result).idempotencyKey())
            .isEqualTo(writes.get(i).idempotencyKey());
      } else {
        assertThat(result).isInstanceOf(RecordApplied.class);
        RecordApplied applied = (RecordApplied) result;
        assertThat(applied.idempotencyKey()).isEqualTo(writes.get(i).idempotencyKey());
        assertThat(applied.erpKey()).isEqualTo(records.get(10 + i).key());
        assertThat(applied.etag()).isNotBlank().isNotEqualTo(records.get(10 + i).etag());
      }
    }
    List<JournalEntry> batches =
        sandbox.journal().find(JournalFilter.all().method("POST").withoutBatchParts());
    assertThat(batches).hasSize(1);
    assertThat(batches.get(0).path()).endsWith("/$batch");
    assertThat(batches.get(0).status()).isEqualTo(202);
    assertThat(batches.get(0).header("X-CSRF-Token")).isNotBlank().isNotEqualTo("Fetch");
    List<JournalEntry> patches = sandbox.journal().find(JournalFilter.all().method("PATCH"));
    assertThat(patches).hasSize(20).allMatch(JournalEntry::batchPart);
    assertThat(patches).allMatch(patch -> patch.header("If-Match") != null);
    assertThat(patches.stream().filter(patch -> patch.status() == 204)).hasSize(19);
    assertThat(patches.stream().filter(patch -> patch.status() == 412)).hasSize(1);
  }

  @Test
  void aReplayedBatchWritesNoRecordTwice() {
    ConnectionSnapshot s4 = s4(SandboxOptions.DEFAULT_PASSWORD);
    List<ErpRecord> records = extractAll(s4, "Equipment", 1000, null).get(0).records();
    List<RecordWrite> writes = new java.util.ArrayList<>();
    for (ErpRecord record : records.subList(40, 50)) {
      writes.add(
          write(record.key(), record.etag(), Map.of("EquipmentName", "Once " + record.key())));
    }
    dialect.execute(upsertAll(s4, writes), s4);

    // redelivered after a crash: the ETags are stale now, SAP refuses, the values tell it was us
    List<ConnectorResult> replayed = dialect.execute(upsertAll(s4, writes), s4);

    assertThat(replayed).hasSize(10).allMatch(RecordApplied.class::isInstance);
    assertThat(sandbox.journal().count(JournalFilter.all().method("PATCH").status(204)))
        .isEqualTo(10);
    assertThat(sandbox.journal().count(JournalFilter.all().method("PATCH").status(412)))
        .isEqualTo(10);
  }

  @Test
  void createsInABatchAfterLookingTheRecordsUpTogether() {
    ConnectionSnapshot s4 = s4(SandboxOptions.DEFAULT_PASSWORD);
    List<RecordWrite> writes = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("Equipment", "TGM-" + IDS.incrementAndGet());
      values.put("ValidityEndDate", "/Date(253402214400000)/");
      values.put("EquipmentName", "Booster pump " + i);
      values.put("EquipmentCategory", "M");
      writes.add(write(null, null, values));
    }

    List<ConnectorResult> created = dialect.execute(upsertAll(s4, writes), s4);
    List<ConnectorResult> replayed = dialect.execute(upsertAll(s4, writes), s4);

    assertThat(created).hasSize(10).allMatch(RecordApplied.class::isInstance);
    assertThat(created)
        .extracting(result -> ((RecordApplied) result).operation())
        .containsOnly(WriteOperation.CREATED);
    assertThat(replayed).hasSize(10).allMatch(RecordApplied.class::isInstance);
    for (int i = 0; i < 10; i++) {
      assertThat(((RecordApplied) replayed.get(i)).erpKey())
          .isEqualTo(((RecordApplied) created.get(i)).erpKey());
    }
    // two batches per run (reads, then creates), none for the replay's writes
    assertThat(sandbox.journal().count(JournalFilter.all().method("POST").withoutBatchParts()))
        .isEqualTo(3);
    assertThat(sandbox.journal().count(JournalFilter.all().method("GET").status(404)))
        .isEqualTo(10);
    assertThat(sandbox.journal().count(JournalFilter.all().method("POST").status(201)))
        .isEqualTo(10);
    assertThat(sandbox.journal().count(JournalFilter.all().method("PATCH"))).isZero();
  }

  @Test
  void aLinkedRecordDeletedInSapIsNotFoundNotRecreated() {
    ConnectionSnapshot s4 = s4(SandboxOptions.DEFAULT_PASSWORD);
    ConnectorResult result =
        upsert(
            s4,
            Map.of("Equipment", "DOES-NOT-EXIST", "ValidityEndDate", "9999-12-31T00:00:00"),
            null,
            Map.of("EquipmentName", "Ghost"));
    assertThat(result).isInstanceOf(RecordFailed.class);
    assertThat(((RecordFailed) result).errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
    // the same with the ledger's ETag, written straight to the entity's address
    ConnectorResult withEtag =
        upsert(
            s4,
            Map.of("Equipment", "DOES-NOT-EXIST", "ValidityEndDate", "9999-12-31T00:00:00"),
            "W/\"datetimeoffset'2020-01-01T00%3A00%3A00.0000000Z'\"",
            Map.of("EquipmentName", "Ghost"));
    assertThat(withEtag).isInstanceOf(RecordFailed.class);
    assertThat(((RecordFailed) withEtag).errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(((RecordFailed) withEtag).message()).contains("no longer exists");
    assertThat(sandbox.journal().count(JournalFilter.all().method("POST"))).isZero();
  }

  @Test
  void throttlingIsWaitedOutAndTheExtractStillExact() {
    sandbox.knobs().apply(Knobs.Settings.defaults().withRateLimit(4, Duration.ofSeconds(1)));
    try {
      ConnectionSnapshot s4 = s4(SandboxOptions.DEFAULT_PASSWORD);
      List<PageExtracted> pages = extractAll(s4, "Equipment", 500, null);
      assertThat(pages.stream().mapToInt(page -> page.records().size()).sum()).isEqualTo(RECORDS);
      assertThat(sandbox.journal().count(JournalFilter.all().status(429))).isPositive();
    } finally {
      sandbox.knobs().apply(Knobs.Settings.defaults());
    }
  }

  @Test
  void testsTheConnectionAndNamesTheCauseOfAFailure() {
    ConnectionTested ok = test(s4(SandboxOptions.DEFAULT_PASSWORD));
    assertThat(ok.success()).isTrue();
    assertThat(ok.message()).isEqualTo("Successfully connected to SAP S/4HANA");

    ConnectionTested wrong = test(s4("not-the-password"));
    assertThat(wrong.success()).isFalse();
    assertThat(wrong.errorCode()).isEqualTo(ErrorCode.AUTH_FAILED);
    assertThat(wrong.message()).startsWith("Authentication failed");
  }

  @Test
  void readsAnEccCustomServiceOverMutualTls() {
    ClientIdentity identity = sandbox.issueClientCertificate("TGM_SYNC");
    long id = IDS.incrementAndGet();
    Map<String, EncryptedSecret> secrets = new HashMap<>();
    secrets.put(
        ConnectionSnapshot.CERTIFICATE,
        SealedSecrets.seal(
            id,
            ConnectionSnapshot.CERTIFICATE,
            Base64.getEncoder().encodeToString(identity.pkcs12())));
    secrets.put(
        ConnectionSnapshot.PASSWORD,
        SealedSecrets.seal(id, ConnectionSnapshot.PASSWORD, new String(identity.password())));
    Map<String, Object> settings = new HashMap<>();
    settings.put("serverCertificate", sandbox.serverCertificatePem());
    settings.put("odataService", "ZPM_EQUIPMENT_SRV");
    ConnectionSnapshot ecc =
        connection(
            id,
            ErpType.SAP_ECC,
            AuthType.CERTIFICATE,
            sandbox.eccBaseUri().toString(),
            null,
            settings,
            secrets);

    assertThat(test(ecc).success()).isTrue();
    List<PageExtracted> pages = extractAll(ecc, "EquipmentSet", 200, null);
    assertThat(pages.stream().mapToInt(page -> page.records().size()).sum()).isEqualTo(500);
    assertThat(pages.get(0).records().get(0).key()).containsOnlyKeys("Equnr");
  }

  private static List<PageExtracted> extractAll(
      ConnectionSnapshot connection, String entity, int pageSize, Instant modifiedSince) {
    List<PageExtracted> pages = new java.util.ArrayList<>();
    String cursor = null;
    do {
      ConnectorResult result =
          single(
              new ExtractPage(
                  MessageMeta.create("test"),
                  connection.id(),
                  1L,
                  2L,
                  1L,
                  entity,
                  cursor,
                  pageSize,
                  modifiedSince,
                  "LastChangeDateTime",
                  null),
              connection);
      assertThat(result).as("page after %s", cursor).isInstanceOf(PageExtracted.class);
      PageExtracted page = (PageExtracted) result;
      pages.add(page);
      cursor = page.nextCursor();
      assertThat(pages).as("pages").hasSizeLessThan(100);
    } while (cursor != null);
    return pages;
  }

  private static ConnectorResult upsert(
      ConnectionSnapshot connection,
      Map<String, String> key,
      String ifMatch,
      Map<String, Object> values) {
    return single(
        new UpsertRecord(
            MessageMeta.create("test"),
            connection.id(),
            1L,
            2L,
            "Equipment",
            new RecordWrite(7L, key, ifMatch, values, "idem-" + IDS.incrementAndGet())),
        connection);
  }

  private static RecordWrite write(
      Map<String, String> key, String ifMatch, Map<String, Object> values) {
    return new RecordWrite(
        IDS.incrementAndGet(), key, ifMatch, values, "idem-" + IDS.incrementAndGet());
  }

  private static UpsertRecords upsertAll(ConnectionSnapshot connection, List<RecordWrite> writes) {
    return new UpsertRecords(
        MessageMeta.create("test"), connection.id(), 1L, 2L, "Equipment", writes);
  }

  private static ConnectionTested test(ConnectionSnapshot connection) {
    return (ConnectionTested)
        single(new TestConnection(MessageMeta.create("test"), connection.id()), connection);
  }

  private static ConnectorResult single(
      com.tgm.erpsync.contracts.command.ConnectorCommand command, ConnectionSnapshot connection) {
    List<ConnectorResult> results = dialect.execute(command, connection);
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  private static ConnectionSnapshot s4(String password) {
    long id = IDS.incrementAndGet();
    return connection(
        id,
        ErpType.SAP_S4HANA,
        AuthType.BASIC,
        sandbox.baseUri() + "/sap/opu/odata4/sap",
        SandboxOptions.DEFAULT_USER,
        Map.of(),
        Map.of(
            ConnectionSnapshot.PASSWORD,
            SealedSecrets.seal(id, ConnectionSnapshot.PASSWORD, password)));
  }

  private static ConnectionSnapshot connection(
      long id,
      ErpType type,
      AuthType auth,
      String baseUrl,
      String user,
      Map<String, Object> settings,
      Map<String, EncryptedSecret> secrets) {
    return new ConnectionSnapshot(
        MessageMeta.create("test"),
        id,
        "Sandbox SAP",
        null,
        type,
        auth,
        baseUrl,
        true,
        true,
        SyncDirection.BIDIRECTIONAL,
        60,
        false,
        null,
        user,
        "100",
        "S4H",
        "00",
        "EN",
        null,
        null,
        null,
        null,
        null,
        settings,
        secrets,
        3,
        0,
        0,
        0,
        0,
        1,
        Instant.now());
  }
}
