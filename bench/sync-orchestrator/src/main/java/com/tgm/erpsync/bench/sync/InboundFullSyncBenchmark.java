package com.tgm.erpsync.bench.sync;

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
import com.tgm.erpsync.contracts.result.ErpRecord;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.contracts.snapshot.FieldMappingSpec;
import com.tgm.erpsync.contracts.snapshot.MappingSnapshot;
import com.tgm.erpsync.testsupport.AdminTokens;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.PostgresEndpoint;
import com.tgm.erpsync.testsupport.ServiceProcess;
import com.tgm.erpsync.testsupport.TestDatabase;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TestProducer;
import com.tgm.erpsync.testsupport.connector.ContractJson;
import com.tgm.erpsync.testsupport.connector.ScriptedConnector;
import com.tgm.erpsync.testsupport.connector.ScriptedErp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();
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
    Map<String, String> options = options(args);
    int records = Integer.parseInt(options.getOrDefault("records", "100000"));
    int pageSize = Integer.parseInt(options.getOrDefault("page-size", "1000"));
    List<String> jvm =
        new ArrayList<>(
            Arrays.asList(
                options
                    .getOrDefault("jvm", String.join(" ", ServiceProcess.DEFAULT_JVM_OPTIONS))
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
            ServiceProcess.start("sync-orchestrator", environment(kafka, database), jvm, target)) {
      orchestrator.awaitReady(Duration.ofSeconds(120));
      long triggered = System.nanoTime();
      long jobId = startFullSync(orchestrator);
      JsonNode job;
      while (true) {
        job = JSON.readTree(get(orchestrator, "/api/admin/erp/sync-jobs/" + jobId).body());
        if (!"RUNNING".equals(job.path("status").asText())
            && !"PENDING".equals(job.path("status").asText())) {
          break;
        }
        Thread.sleep(200);
      }
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
        count(database, "SELECT count(*) FROM tgm.unit WHERE serial_number LIKE ?", PREFIX + "%"),
        (long) records);
    check(
        problems,
        "distinct tgm.unit serial numbers",
        count(
            database,
            "SELECT count(DISTINCT serial_number) FROM tgm.unit WHERE serial_number LIKE ?",
            PREFIX + "%"),
        (long) records);
    check(
        problems,
        "ledger rows",
        count(
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
    ConnectionSnapshot connection =
        new ConnectionSnapshot(
            MessageMeta.create("sync-bench"),
            CONNECTION_ID,
            "Benchmark SAP",
            "inbound full sync benchmark",
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
            MessageMeta.create("sync-bench"),
            MAPPING_ID,
            CONNECTION_ID,
            EntityType.UNIT,
            "Equipment",
            true,
            SyncDirection.INBOUND,
            ConflictResolution.ERP_WINS,
            pageSize,
            "LastChangeDateTime",
            null,
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
            1,
            Instant.now());
    try (TestProducer producer = new TestProducer(kafka)) {
      producer.send(
          Topics.CONNECTIONS, Topics.connectionKey(CONNECTION_ID), ContractJson.write(connection));
      producer.send(Topics.MAPPINGS, Long.toString(MAPPING_ID), ContractJson.write(mapping));
    }
  }

  private static FieldMappingSpec field(
      String tgm,
      String erp,
      FieldType type,
      boolean key,
      Map<String, String> valueMap,
      String format) {
    return new FieldMappingSpec(
        tgm, erp, type, SyncDirection.INBOUND, key, key, valueMap, null, format, null);
  }

  private static Map<String, String> environment(KafkaEndpoint kafka, TestDatabase database) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("TGM_JWT_PUBLIC_KEY", AdminTokens.publicKeyPem().toString());
    env.put("TGM_JWT_ISSUER", AdminTokens.ISSUER);
    env.put("TGM_DB_URL", database.jdbcUrl());
    env.put("TGM_DB_USER", database.user());
    env.put("TGM_DB_PASSWORD", database.password());
    return env;
  }

  /** Starts the full sync, waiting for the orchestrator to have read the connection. */
  private static long startFullSync(ServiceProcess orchestrator) throws Exception {
    String path = "/api/admin/erp/connections/" + CONNECTION_ID + "/sync/full";
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      HttpResponse<String> response =
          HTTP.send(
              request(orchestrator, path).POST(HttpRequest.BodyPublishers.noBody()).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 201) {
        return JSON.readTree(response.body()).path("id").asLong();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("full sync not started: " + response.body());
      }
      Thread.sleep(250);
    }
  }

  private static HttpResponse<String> get(ServiceProcess service, String path) throws Exception {
    return HTTP.send(request(service, path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(ServiceProcess service, String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + AdminTokens.admin("sync-bench"));
  }

  private static long count(TestDatabase database, String sql, Object argument) throws Exception {
    try (Connection connection = database.connect();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setObject(1, argument);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException(
            "options are --records=N, --page-size=N, --jvm=\"options\"; not " + arg);
      }
      options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    return options;
  }
}
