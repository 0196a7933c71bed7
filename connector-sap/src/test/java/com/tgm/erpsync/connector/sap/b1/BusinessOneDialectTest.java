package com.tgm.erpsync.connector.sap.b1;

import static org.assertj.core.api.Assertions.assertThat;

import com.tgm.erpsync.connections.SecretDecryptor;
import com.tgm.erpsync.connector.kit.http.ErpHttpClients;
import com.tgm.erpsync.connector.kit.http.HttpPolicy;
import com.tgm.erpsync.contracts.AuthType;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.SyncDirection;
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
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.sandbox.core.SandboxOptions;
import com.tgm.erpsync.sandbox.core.SapSandbox;
import com.tgm.erpsync.sandbox.core.journal.JournalEntry;
import com.tgm.erpsync.sandbox.core.journal.JournalFilter;
import com.tgm.erpsync.testsupport.SealedSecrets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * The Business One dialect against the sandbox's Service Layer over real HTTP: session login shared
 * by many calls, re-login after a forced expiry, exact paging in v1 and v2, idempotent creates and
 * both error forms. The sandbox's journal says what Business One received.
 */
class BusinessOneDialectTest {
  private static final int PARTNERS = 2_500;
  private static final int ITEMS = 1_200;
  private static final AtomicLong IDS = new AtomicLong(900_000);
  private static SapSandbox sandbox;
  private static ErpHttpClients clients;
  private static BusinessOneDialect dialect;

  @BeforeAll
  static void startSandbox() {
    sandbox =
        SapSandbox.start(
            SandboxOptions.builder()
                .equipmentCount(10)
                .eccHttpsPort(-1)
                .businessPartnerCount(PARTNERS)
                .itemCount(ITEMS)
                .build());
    clients =
        new ErpHttpClients(
            HttpPolicy.defaults(),
            new SecretDecryptor(SealedSecrets.KEYS),
            new SimpleMeterRegistry(),
            null);
    dialect = new BusinessOneDialect(clients);
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
  void extractsEveryBusinessPartnerExactlyOnceWithOneLogin() {
    ConnectionSnapshot b1 = b1("/b1s/v1", SandboxOptions.DEFAULT_B1_PASSWORD);
    List<PageExtracted> pages = extractAll(b1, "BusinessPartners", 500, null);

    assertThat(pages.get(0).totalCount()).isEqualTo((long) PARTNERS);
    assertThat(keys(pages, "CardCode")).hasSize(PARTNERS).contains("C000001", "V000500");
    ErpRecord first = pages.get(0).records().get(0);
    assertThat(first.key()).isEqualTo(Map.of("CardCode", "C000001"));
    assertThat(first.etag()).startsWith("W/\"");
    assertThat(first.modifiedAt()).isNotNull();
    assertThat(first.values())
        .containsKeys("CardName", "UpdateDate")
        .doesNotContainKey("odata.etag");
    List<JournalEntry> logins = sandbox.journal().find(JournalFilter.all().pathContains("/Login"));
    assertThat(logins).hasSize(1);
    List<JournalEntry> reads = sandbox.journal().find(JournalFilter.all().method("GET"));
    assertThat(reads).hasSizeGreaterThan(PARTNERS / 500);
    assertThat(reads)
        .allSatisfy(
            entry -> {
              assertThat(entry.header("Cookie")).contains("B1SESSION=").contains("ROUTEID=.node1");
              assertThat(entry.header("Prefer")).isEqualTo("odata.maxpagesize=500");
              assertThat(entry.status()).isEqualTo(200);
            });
  }

  @Test
  void pagesTheV2ServiceExactlyWithItsOwnAnnotations() {
    ConnectionSnapshot b1 = b1("/b1s/v2", SandboxOptions.DEFAULT_B1_PASSWORD);
    List<PageExtracted> pages = extractAll(b1, "Items", 250, null);
    assertThat(pages.get(0).totalCount()).isEqualTo((long) ITEMS);
    assertThat(keys(pages, "ItemCode")).hasSize(ITEMS).contains("A0000001", "A0001200");
    assertThat(pages.get(0).records().get(0).etag()).startsWith("W/\"");
    assertThat(sandbox.journal().find(JournalFilter.all().method("GET")))
        .allSatisfy(entry -> assertThat(entry.path()).startsWith("/b1s/v2/Items"));
  }

  @Test
  void aSessionExpiredMidExtractLogsInOnceMoreAndTheExtractStaysExact() {
    ConnectionSnapshot b1 = b1("/b1s/v1", SandboxOptions.DEFAULT_B1_PASSWORD);
    List<PageExtracted> pages = new ArrayList<>();
    String cursor = null;
    do {
      PageExtracted page =
          (PageExtracted) single(extract(b1, "BusinessPartners", 400, cursor, null), b1);
      pages.add(page);
      if (pages.size() == 3) {
        sandbox.expireB1Sessions();
      }
      cursor = page.nextCursor();
    } while (cursor != null);

    assertThat(keys(pages, "CardCode")).hasSize(PARTNERS);
    assertThat(sandbox.journal().count(JournalFilter.all().pathContains("/Login"))).isEqualTo(2);
    assertThat(sandbox.journal().count(JournalFilter.all().status(401))).isEqualTo(1);
  }

  @Test
  void aWrongPasswordIsAuthenticationFailedWithTheServiceLayersReason() {
    ConnectionTested wrong = test(b1("/b1s/v1", "not-the-password"));
    assertThat(wrong.success()).isFalse();
    assertThat(wrong.errorCode()).isEqualTo(ErrorCode.AUTH_FAILED);
    assertThat(wrong.message())
        .startsWith("Authentication failed")
        .contains("Fail to NONE-SSO login from SLD.");

    ConnectionSnapshot v2 = b1("/b1s/v2", "not-the-password");
    ConnectorResult extract = single(extract(v2, "Items", 100, null, null), v2);
    assertThat(extract).isInstanceOf(ExtractFailed.class);
    assertThat(((ExtractFailed) extract).errorCode()).isEqualTo(ErrorCode.AUTH_FAILED);
    assertThat(((ExtractFailed) extract).message()).contains("Fail to NONE-SSO login from SLD.");
    assertThat(sandbox.journal().count(JournalFilter.all().method("GET"))).isZero();
  }

  @Test
  void testsTheConnectionWithALoginAndARealRead() throws Exception {
    ConnectionTested ok = test(b1("/b1s/v2", SandboxOptions.DEFAULT_B1_PASSWORD));
    assertThat(ok.success()).isTrue();
    assertThat(ok.message()).isEqualTo("Successfully connected to SAP Business One");
    assertThat(sandbox.journal().count(JournalFilter.all().pathContains("/Login"))).isEqualTo(1);
    assertThat(sandbox.journal().count(JournalFilter.all().pathContains("/BusinessPartners")))
        .isEqualTo(1);

    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    ConnectionTested unreachable =
        test(
            connection(
                "http://127.0.0.1:" + closed + "/b1s/v1",
                SandboxOptions.DEFAULT_B1_PASSWORD,
                "SBODEMOUS"));
    assertThat(unreachable.success()).isFalse();
    assertThat(unreachable.message()).startsWith("Host unreachable");

    ConnectionTested wrongService =
        test(
            connection(
                sandbox.baseUri() + "/b1s/v9", SandboxOptions.DEFAULT_B1_PASSWORD, "SBODEMOUS"));
    assertThat(wrongService.success()).isFalse();
    assertThat(wrongService.message()).startsWith("Service not found");

    ConnectionTested noCompany =
        test(connection(sandbox.baseUri() + "/b1s/v1", SandboxOptions.DEFAULT_B1_PASSWORD, null));
    assertThat(noCompany.success()).isFalse();
    assertThat(noCompany.errorCode()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(noCompany.message()).contains("companyDb");
  }

  @Test
  void aReplayedCreateUpdatesTheRecordInsteadOfCreatingItTwice() {
    ConnectionSnapshot b1 = b1("/b1s/v1", SandboxOptions.DEFAULT_B1_PASSWORD);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("CardCode", "TGM" + IDS.incrementAndGet());
    values.put("CardName", "Harbour Pumps");
    values.put("CardType", "cCustomer");

    RecordApplied created = (RecordApplied) upsert(b1, "BusinessPartners", null, values);
    RecordApplied replayed = (RecordApplied) upsert(b1, "BusinessPartners", null, values);

    assertThat(created.operation()).isEqualTo(WriteOperation.CREATED);
    assertThat(created.erpKey()).isEqualTo(Map.of("CardCode", (String) values.get("CardCode")));
    assertThat(created.etag()).startsWith("W/\"");
    assertThat(replayed.operation()).isEqualTo(WriteOperation.UPDATED);
    assertThat(replayed.erpKey()).isEqualTo(created.erpKey());
    assertThat(
            sandbox
                .journal()
                .count(JournalFilter.all().method("POST").pathContains("/BusinessPartners")))
        .isEqualTo(1);
    assertThat(sandbox.journal().count(JournalFilter.all().method("PATCH").status(204)))
        .isEqualTo(1);
    assertThat(sandbox.store("BusinessPartners").get((String) values.get("CardCode"))).isPresent();
  }

  @Test
  void answersEveryWriteOfABatchCommandWithAResultOfItsOwn() {
    ConnectionSnapshot b1 = b1("/b1s/v2", SandboxOptions.DEFAULT_B1_PASSWORD);
    List<RecordWrite> writes = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      writes.add(
          new RecordWrite(
              (long) i,
              Map.of("CardCode", String.format("C%06d", i)),
              null,
              Map.of("CardName", "Renamed " + i),
              "idem-" + IDS.incrementAndGet()));
    }
    MessageMeta request = MessageMeta.create("batch-correlation");
    List<ConnectorResult> results =
        dialect.execute(
            new UpsertRecords(request, b1.id(), 1L, 2L, "BusinessPartners", writes), b1);

    assertThat(results)
        .hasSize(30)
        .allSatisfy(r -> assertThat(r).isInstanceOf(RecordApplied.class));
    // consumers deduplicate by message id: one id per result, all correlated with the command
    assertThat(results.stream().map(r -> r.meta().messageId()).distinct()).hasSize(30);
    assertThat(results)
        .allSatisfy(r -> assertThat(r.meta().correlationId()).isEqualTo("batch-correlation"));
    assertThat(results.stream().map(r -> ((RecordApplied) r).tgmRecordId()).distinct()).hasSize(30);
    assertThat(sandbox.journal().count(JournalFilter.all().method("PATCH").status(204)))
        .isEqualTo(30);
    assertThat(sandbox.store("BusinessPartners").get("C000030").orElseThrow().get("CardName"))
        .isEqualTo("Renamed 30");
  }

  @Test
  void aLinkedRecordIsPatchedDirectlyAndOneDeletedInBusinessOneIsNotRecreated() {
    ConnectionSnapshot b1 = b1("/b1s/v2", SandboxOptions.DEFAULT_B1_PASSWORD);
    RecordApplied updated =
        (RecordApplied)
            upsert(b1, "Items", Map.of("ItemCode", "A0000007"), Map.of("QuantityOnStock", 12));
    assertThat(updated.operation()).isEqualTo(WriteOperation.UPDATED);
    assertThat(
            sandbox.store("Items").get("A0000007").orElseThrow().get("QuantityOnStock").toString())
        .isEqualTo("12");
    List<JournalEntry> patches = sandbox.journal().find(JournalFilter.all().method("PATCH"));
    assertThat(patches).hasSize(1);
    assertThat(patches.get(0).path()).isEqualTo("/b1s/v2/Items('A0000007')");
    assertThat(patches.get(0).header("Cookie")).contains("B1SESSION=");
    assertThat(sandbox.journal().count(JournalFilter.all().method("GET"))).isZero();

    ConnectorResult ghost =
        upsert(b1, "Items", Map.of("ItemCode", "NOPE"), Map.of("ItemName", "Ghost"));
    assertThat(ghost).isInstanceOf(RecordFailed.class);
    assertThat(((RecordFailed) ghost).errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(((RecordFailed) ghost).message()).contains("no longer exists");
    assertThat(sandbox.journal().count(JournalFilter.all().method("POST").pathContains("/Items")))
        .isZero();
  }

  @Test
  void anIncrementalExtractReadsWhatChangedSinceTheWatermarkAfterTheSessionTimedOut() {
    ConnectionSnapshot b1 = b1("/b1s/v1", SandboxOptions.DEFAULT_B1_PASSWORD);
    assertThat(test(b1).success()).isTrue();
    sandbox.clock().advance(Duration.ofDays(3000));
    Instant watermark = sandbox.clock().instant();
    sandbox.clock().advance(Duration.ofMinutes(1));
    upsert(b1, "BusinessPartners", Map.of("CardCode", "C000042"), Map.of("Phone1", "+1-555-0142"));

    List<PageExtracted> delta = extractAll(b1, "BusinessPartners", 100, watermark);
    List<ErpRecord> changed = delta.stream().flatMap(page -> page.records().stream()).toList();
    assertThat(changed).hasSize(1);
    assertThat(changed.get(0).key()).isEqualTo(Map.of("CardCode", "C000042"));
    assertThat(changed.get(0).values()).containsEntry("Phone1", "+1-555-0142");
    assertThat(changed.get(0).modifiedAt()).isAfterOrEqualTo(watermark.minusSeconds(1));
    assertThat(
            sandbox
                .journal()
                .find(JournalFilter.all().method("GET").pathContains("/BusinessPartners")))
        .anySatisfy(entry -> assertThat(entry.query()).contains("$filter=UpdateDate%20ge%20'"));
    // the 3000 days ended the first session: exactly one more login
    assertThat(sandbox.journal().count(JournalFilter.all().pathContains("/Login"))).isEqualTo(2);
  }

  @Test
  void mapsTheV1ErrorFormWithTheServiceLayersCodeAndMessage() {
    ConnectionSnapshot b1 = b1("/b1s/v1", SandboxOptions.DEFAULT_B1_PASSWORD);
    ConnectorResult result =
        upsert(b1, "BusinessPartners", null, Map.of("CardCode", "TGM-BAD", "NoSuchField", "x"));
    assertThat(result).isInstanceOf(RecordFailed.class);
    RecordFailed failed = (RecordFailed) result;
    assertThat(failed.errorCode()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(failed.erpErrorCode()).isEqualTo("-1000");
    assertThat(failed.message())
        .isEqualTo("Property 'NoSuchField' of 'BusinessPartner' is invalid");
    assertThat(failed.retryable()).isFalse();
  }

  @Test
  void mapsTheV2ErrorFormWithTheServiceLayersCodeAndMessage() {
    ConnectionSnapshot b1 = b1("/b1s/v2", SandboxOptions.DEFAULT_B1_PASSWORD);
    ConnectorResult result =
        single(
            new ExtractPage(
                MessageMeta.create("test"),
                b1.id(),
                1L,
                2L,
                1L,
                "Items",
                null,
                50,
                null,
                null,
                "ItemCode startswith 'A'"),
            b1);
    assertThat(result).isInstanceOf(ExtractFailed.class);
    ExtractFailed failed = (ExtractFailed) result;
    assertThat(failed.errorCode()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(failed.erpErrorCode()).isEqualTo("201");
    assertThat(failed.message()).isEqualTo("Query string error - Invalid filter condition");

    ConnectorResult missing =
        single(
            new FetchRecord(
                MessageMeta.create("test"), b1.id(), 1L, 2L, "Items", Map.of("ItemCode", "NOPE")),
            b1);
    assertThat(missing).isInstanceOf(RecordFailed.class);
    assertThat(((RecordFailed) missing).errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void fetchesAndDeletesByKeyAndASecondDeleteChangesNothing() {
    ConnectionSnapshot b1 = b1("/b1s/v1", SandboxOptions.DEFAULT_B1_PASSWORD);
    RecordFetched fetched =
        (RecordFetched)
            single(
                new FetchRecord(
                    MessageMeta.create("test"),
                    b1.id(),
                    1L,
                    2L,
                    "BusinessPartners",
                    Map.of("CardCode", "V000003")),
                b1);
    assertThat(fetched.record().values()).containsEntry("CardType", "cSupplier");

    RecordApplied deleted = (RecordApplied) single(delete(b1, "V000003"), b1);
    RecordApplied again = (RecordApplied) single(delete(b1, "V000003"), b1);
    assertThat(deleted.operation()).isEqualTo(WriteOperation.DELETED);
    assertThat(again.operation()).isEqualTo(WriteOperation.UNCHANGED);
    assertThat(sandbox.store("BusinessPartners").get("V000003")).isEmpty();
  }

  @Test
  void evictingTheConnectionLogsTheSessionOut() throws Exception {
    ConnectionSnapshot b1 = b1("/b1s/v1", SandboxOptions.DEFAULT_B1_PASSWORD);
    assertThat(test(b1).success()).isTrue();
    dialect.evict(b1.id());
    long deadline = System.currentTimeMillis() + 5_000;
    while (sandbox.journal().count(JournalFilter.all().pathContains("/Logout")) == 0
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    List<JournalEntry> logouts =
        sandbox.journal().find(JournalFilter.all().pathContains("/Logout"));
    assertThat(logouts).hasSize(1);
    assertThat(logouts.get(0).status()).isEqualTo(204);
    assertThat(logouts.get(0).header("Cookie")).contains("B1SESSION=");
    assertThat(sandbox.b1SessionCount()).isZero();
  }

  private static Set<String> keys(List<PageExtracted> pages, String field) {
    Set<String> keys = new HashSet<>();
    int total = 0;
    for (PageExtracted page : pages) {
      for (ErpRecord record : page.records()) {
        keys.add(record.key().get(field));
        total++;
      }
    }
    assertThat(total).as("records, duplicates included").isEqualTo(keys.size());
    return keys;
  }

  private static List<PageExtracted> extractAll(
      ConnectionSnapshot connection, String entity, int pageSize, Instant modifiedSince) {
    List<PageExtracted> pages = new ArrayList<>();
    String cursor = null;
    do {
      ConnectorResult result =
          single(extract(connection, entity, pageSize, cursor, modifiedSince), connection);
      assertThat(result).as("page after %s", cursor).isInstanceOf(PageExtracted.class);
      PageExtracted page = (PageExtracted) result;
      pages.add(page);
      cursor = page.nextCursor();
      assertThat(pages).as("pages").hasSizeLessThan(100);
    } while (cursor != null);
    return pages;
  }

  private static ExtractPage extract(
      ConnectionSnapshot connection, String entity, int pageSize, String cursor, Instant since) {
    return new ExtractPage(
        MessageMeta.create("test"),
        connection.id(),
        1L,
        2L,
        1L,
        entity,
        cursor,
        pageSize,
        since,
        "UpdateDate",
        null);
  }

  private static ConnectorResult upsert(
      ConnectionSnapshot connection,
      String entity,
      Map<String, String> key,
      Map<String, Object> values) {
    return single(
        new UpsertRecord(
            MessageMeta.create("test"),
            connection.id(),
            1L,
            2L,
            entity,
            new RecordWrite(7L, key, null, values, "idem-" + IDS.incrementAndGet())),
        connection);
  }

  private static DeleteRecord delete(ConnectionSnapshot connection, String cardCode) {
    return new DeleteRecord(
        MessageMeta.create("test"),
        connection.id(),
        1L,
        2L,
        "BusinessPartners",
        7L,
        Map.of("CardCode", cardCode),
        null,
        "idem-" + IDS.incrementAndGet());
  }

  private static ConnectionTested test(ConnectionSnapshot connection) {
    return (ConnectionTested)
        single(new TestConnection(MessageMeta.create("test"), connection.id()), connection);
  }

  private static ConnectorResult single(ConnectorCommand command, ConnectionSnapshot connection) {
    List<ConnectorResult> results = dialect.execute(command, connection);
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  private static ConnectionSnapshot b1(String root, String password) {
    return connection(sandbox.baseUri() + root, password, SandboxOptions.DEFAULT_B1_COMPANY_DB);
  }

  private static ConnectionSnapshot connection(String baseUrl, String password, String companyDb) {
    long id = IDS.incrementAndGet();
    Map<String, Object> settings = new HashMap<>();
    if (companyDb != null) {
      settings.put("companyDb", companyDb);
    }
    return new ConnectionSnapshot(
        MessageMeta.create("test"),
        id,
        "Sandbox Business One",
        null,
        ErpType.SAP_BUSINESS_ONE,
        AuthType.BASIC,
        baseUrl,
        true,
        true,
        SyncDirection.BIDIRECTIONAL,
        60,
        false,
        null,
        SandboxOptions.DEFAULT_B1_USER,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        settings,
        Map.of(
            ConnectionSnapshot.PASSWORD,
            SealedSecrets.seal(id, ConnectionSnapshot.PASSWORD, password)),
        3,
        0,
        0,
        0,
        0,
        1,
        Instant.now());
  }
}
