package com.tgm.erpsync.bench.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.bench.support.BenchOptions;
import com.tgm.erpsync.bench.support.OrchestratorApi;
import com.tgm.erpsync.bench.support.Snapshots;
import com.tgm.erpsync.bench.support.Sql;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.result.ErpRecord;
import com.tgm.erpsync.contracts.snapshot.FieldMappingSpec;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.PostgresEndpoint;
import com.tgm.erpsync.testsupport.ServiceProcess;
import com.tgm.erpsync.testsupport.TestDatabase;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.connector.ScriptedConnector;
import com.tgm.erpsync.testsupport.connector.ScriptedErp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An inbound full sync of {@code --records} SAP Equipment records (default 100,000) through the
 * packaged sync-orchestrator, in its own JVM with a fixed heap, on real Kafka and PostgreSQL
 * (embedded, or external ones named as in the tests), answered by the scripted connector.
 *
 * <p>Reports records per second (the job's own duration, from its first page to completion) and the
 * orchestrator's heap from its GC log: the highest heap occupancy any collection found (peak) and
 * the largest live set any collection left (retained). Checks before it reports: the job COMPLETED
 * with every record counted once, and the TGM table and the ledger hold exactly the records.
 *
 * <p>Options: {@code --records=N}, {@code --page-size=N} (the mapping's batchSize, 1-1000, default
 * 1000), {@code --jvm="options"} for the orchestrator (default {@code -Xmx256m -XX:+UseSerialGC},
 * as the system tests run it). System property {@code tgm.repo.root} names the repository root.
 */
public final class InboundFullSyncBenchmark {
  private static final long CONNECTION_ID = 4_200_001L;
  private static final long MAPPING_ID = 4_200_002L;
  private static final String PREFIX = "BENCH-";
  private static final List<String> STATUSES = List.of("0001", "0002", "0003");

  private InboundFullSyncBenchmark() {}

  public static void main(String[] args) {
    int status = 1;
    try {
      run(args);
      status = 0;
    } catch (Exception e) {
      e.printStackTrace();
    } finally {
      // the embedded servers' shutdown hooks stop them; nothing else keeps the JVM alive
      System.exit(status);
    }
  }

  private static void run(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args, Set.of("records", "page-size", "jvm"));
    int records = options.integer("records", 100_000);
    int pageSize = options.integer("page-size", 1000);
    List<String> jvm =
        new ArrayList<>(
            Arrays.asList(
                options
                    .get("jvm", String.join(" ", ServiceProcess.DEFAULT_JVM_OPTIONS))
                    .trim()
                    .split("\\s+")));
    Path target = ServiceProcess.repositoryRoot().resolve("bench/sync-orchestrator/target");
    Path gcLog = Files.createDirectories(target).resolve("orchestrator-gc.log");
    Files.deleteIfExists(gcLog);
    jvm.add("-Xlog:gc:file=" + gcLog);

    KafkaEndpoint kafka = TestInfrastructure.kafka();
    PostgresEndpoint postgres = TestInfrastructure.postgres();
    TestDatabase database =
        new TestDatabase(postgres.createDatabase("bench"), postgres.user(), postgres.password());

    ScriptedErp erp = new ScriptedErp();
    Instant base = Instant.parse("2025-01-15T08:00:00Z");
    erp.entitySet(CONNECTION_ID, "Equipment")
        .keyFields("Equipment")
        .generate(records, i -> equipment(i, base.plusSeconds(i)));
    publishConnectionAndMapping(kafka, pageSize);

    try (ScriptedConnector connector =
            ScriptedConnector.builder(kafka, erp)
                .answerCommandsSentSince(Instant.now().minusSeconds(5))
                .keepCommands(false)
                .start();
        ServiceProcess orchestrator =
            ServiceProcess.start(
                "sync-orchestrator", OrchestratorApi.environment(kafka, database), jvm, target)) {
      orchestrator.awaitReady(Duration.ofSeconds(120));
      OrchestratorApi api = new OrchestratorApi(orchestrator);
      long triggered = System.nanoTime();
      long jobId = api.startSync(CONNECTION_ID, "full");
      JsonNode job = api.awaitEnd(jobId, Duration.ofHours(2));
      long wallMs = (System.nanoTime() - triggered) / 1_000_000;
      verify(job, database, records);
      GcLog gc = GcLog.read(gcLog);
      report(records, pageSize, jvm, job, wallMs, gc, orchestrator);
    }
  }

  private static void verify(JsonNode job, TestDatabase database, int records) throws Exception {
    List<String> problems = new ArrayList<>();
    check(problems, "status", job.path("status").asText(), "COMPLETED");
    for (String counter : List.of("totalRecords", "processedRecords", "successCount")) {
      check(problems, counter, job.path(counter).asLong(), (long) records);
    }
    check(problems, "errorCount", job.path("errorCount").asLong(), 0L);
    check(
        problems,
        "tgm.unit rows",
        Sql.count(
            database, "SELECT count(*) FROM tgm.unit WHERE serial_number LIKE ?", PREFIX + "%"),
        (long) records);
    check(
        problems,
        "distinct tgm.unit serial numbers",
        Sql.count(
            database,
            "SELECT count(DISTINCT serial_number) FROM tgm.unit WHERE serial_number LIKE ?",
            PREFIX + "%"),
        (long) records);
    check(
        problems,
        "ledger rows",
        Sql.count(
            database,
            "SELECT count(*) FROM orchestrator.sync_ledger WHERE connection_id = ?",
            CONNECTION_ID),
        (long) records);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("the sync is not exact: " + problems + "\njob: " + job);
    }
  }

  private static void check(List<String> problems, String what, Object actual, Object expected) {
    if (!expected.equals(actual)) {
      problems.add(what + " = " + actual + ", expected " + expected);
    }
  }

  private static void report(
      int records,
      int pageSize,
      List<String> jvm,
      JsonNode job,
      long wallMs,
      GcLog gc,
      ServiceProcess orchestrator) {
    long durationMs = job.path("durationMs").asLong();
    System.out.printf(
        Locale.ROOT,
        "%n| records | page size | job duration | records/s | trigger to COMPLETED | peak heap"
            + " | largest live set after GC | heap capacity | collections (full) | GC pauses |%n"
            + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n"
            + "| %,d | %,d | %s (%,d ms) | %,.0f | %,d ms | %,d MiB | %,d MiB | %,d MiB | %d (%d)"
            + " | %,d ms |%n%n",
        records,
        pageSize,
        job.path("durationFormatted").asText(),
        durationMs,
        records * 1000.0 / durationMs,
        wallMs,
        gc.peakUsedKiB() / 1024,
        gc.maxLiveKiB() / 1024,
        gc.maxCapacityKiB() / 1024,
        gc.collections(),
        gc.fullCollections(),
        Math.round(gc.pauseMs()));
    System.out.println("orchestrator JVM options: " + String.join(" ", jvm));
    System.out.println("orchestrator log: " + orchestrator.log());
    System.out.println("job: " + job);
  }

  private static ErpRecord equipment(int i, Instant modifiedAt) {
    String key = PREFIX + String.format(Locale.ROOT, "%07d", i);
    LocalDate installed = LocalDate.of(2015, 1, 1).plusDays(i % 3650);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("Equipment", key);
    values.put("EquipmentName", "Centrifugal pump " + i);
    values.put("ManufacturerName", i % 2 == 0 ? "Grundfos" : "KSB");
    values.put("ModelNumber", "CR " + (i % 90 + 10) + "-" + (i % 7 + 1));
    values.put("EquipmentStatus", STATUSES.get(i % STATUSES.size()));
    values.put("InstallDate", odataDate(installed));
    values.put("WarrantyEndDate", odataDate(installed.plusYears(5)));
    return new ErpRecord(Map.of("Equipment", key), null, modifiedAt, values);
  }

  private static String odataDate(LocalDate date) {
    return "/Date(" + date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + ")/";
  }

  private static void publishConnectionAndMapping(KafkaEndpoint kafka, int pageSize) {
    Snapshots.publish(
        kafka,
        Snapshots.sapConnection(CONNECTION_ID).description("inbound full sync benchmark").build());
    Snapshots.publish(
        kafka,
        Snapshots.mapping(
            MAPPING_ID,
            CONNECTION_ID,
            EntityType.UNIT,
            "Equipment",
            SyncDirection.INBOUND,
            pageSize,
            "LastChangeDateTime",
            List.of(
                field("serialNumber", "Equipment", FieldType.STRING, true, null, null),
                field("name", "EquipmentName", FieldType.STRING, false, null, null),
                field("manufacturer", "ManufacturerName", FieldType.STRING, false, null, null),
                field("model", "ModelNumber", FieldType.STRING, false, null, null),
                field(
                    "status",
                    "EquipmentStatus",
                    FieldType.ENUM,
                    false,
                    Map.of("ACTIVE", "0001", "INACTIVE", "0002", "IN_REPAIR", "0003"),
                    null),
                field("installDate", "InstallDate", FieldType.DATE, false, null, "ODATA_V2"),
                field(
                    "warrantyEndDate", "WarrantyEndDate", FieldType.DATE, false, null, "ODATA_V2")),
            1));
  }

  private static FieldMappingSpec field(
      String tgm,
      String erp,
      FieldType type,
      boolean key,
      Map<String, String> valueMap,
      String format) {
    return Snapshots.field(tgm, erp, type, SyncDirection.INBOUND, key, valueMap, format);
  }
}
