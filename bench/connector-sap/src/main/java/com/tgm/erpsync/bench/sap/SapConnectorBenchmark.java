package com.tgm.erpsync.bench.sap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.bench.support.BenchOptions;
import com.tgm.erpsync.bench.support.OrchestratorApi;
import com.tgm.erpsync.bench.support.Snapshots;
import com.tgm.erpsync.bench.support.Sql;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.command.RecordWrite;
import com.tgm.erpsync.contracts.command.UpsertRecord;
import com.tgm.erpsync.contracts.command.UpsertRecords;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.contracts.snapshot.FieldMappingSpec;
import com.tgm.erpsync.contracts.snapshot.MappingSnapshot;
import com.tgm.erpsync.sandbox.core.Knobs;
import com.tgm.erpsync.sandbox.core.SandboxOptions;
import com.tgm.erpsync.sandbox.core.SapSandbox;
import com.tgm.erpsync.sandbox.core.journal.JournalEntry;
import com.tgm.erpsync.sandbox.core.journal.JournalFilter;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.PostgresEndpoint;
import com.tgm.erpsync.testsupport.SealedSecrets;
import com.tgm.erpsync.testsupport.ServiceProcess;
import com.tgm.erpsync.testsupport.TestDatabase;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TestProducer;
import com.tgm.erpsync.testsupport.TopicProbe;
import com.tgm.erpsync.testsupport.connector.ContractJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The SAP connector end to end: the packaged sync-orchestrator and connector-sap (each in its own
 * JVM, as the system tests run them) on real Kafka and PostgreSQL (embedded, or external ones named
 * as in the tests), against the in-process SAP S/4HANA sandbox over HTTP (OData V4, Basic auth).
 *
 * <ol>
 *   <li><b>Inbound</b>: a full sync of {@code --records} Equipment records (default 20,000) in
 *       pages of {@code --page-size} (the mapping's batchSize, default 1,000), every request
 *       answered after {@code --latency-ms} (default 20). Reports pages and records per second.
 *       Checks: the job COMPLETED with every record counted once, exactly that many TGM units and
 *       ledger rows (each with an ETag), and the sandbox saw exactly the page GETs and nothing
 *       else.
 *   <li><b>Outbound</b> (unless {@code --outbound=false}): the connection turns OUTBOUND with a
 *       rate limit of {@code --rate} requests per second (default 20), the sandbox gets the same
 *       limit (answering 429 beyond it) on top of its latency. First an incremental sync with
 *       nothing changed (it must send nothing: the feed's own cost), then twice: {@code --changed}
 *       units (default 1,000; a fresh set each time) renamed in TGM and an incremental sync, once
 *       with mapping batchSize 1 (one PATCH per record) and once with {@code --batch-size} (default
 *       100: an OData {@code $batch} per command). Reports records per second, the HTTP requests
 *       SAP received, the 429s, and checks exactly one successful PATCH per changed unit and none
 *       else.
 * </ol>
 *
 * <p>Other options: {@code --jvm="options"} for both services (default {@code -Xmx256m
 * -XX:+UseSerialGC}). System property {@code tgm.repo.root} names the repository root.
 */
public final class SapConnectorBenchmark {
  private static final long CONNECTION_ID = 4_300_001L;
  private static final long MAPPING_ID = 4_300_002L;
  private static final String EQUIPMENT = "/Equipment";
  private static final Duration SNAPSHOT_SETTLE = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Settings settings;
  private final KafkaEndpoint kafka;
  private final TestDatabase database;
  private final SapSandbox sandbox;
  private final List<String> inboundRows = new ArrayList<>();
  private final List<String> outboundRows = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private long mappingVersion;

  private record Settings(
      int records,
      int pageSize,
      int latencyMs,
      boolean outbound,
      int changed,
      int rate,
      int batchSize,
      List<String> jvm) {}

  private SapConnectorBenchmark(
      Settings settings, KafkaEndpoint kafka, TestDatabase database, SapSandbox sandbox) {
    this.settings = settings;
    this.kafka = kafka;
    this.database = database;
    this.sandbox = sandbox;
  }

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
    BenchOptions options =
        BenchOptions.parse(
            args,
            Set.of(
                "records",
                "page-size",
                "latency-ms",
                "outbound",
                "changed",
                "rate",
                "batch-size",
                "jvm"));
    Settings settings =
        new Settings(
            options.integer("records", 20_000),
            options.integer("page-size", 1000),
            options.integer("latency-ms", 20),
            options.flag("outbound", true),
            options.integer("changed", 1000),
            options.integer("rate", 20),
            options.integer("batch-size", 100),
            Arrays.asList(
                options
                    .get("jvm", String.join(" ", ServiceProcess.DEFAULT_JVM_OPTIONS))
                    .trim()
                    .split("\\s+")));
    if (settings.outbound() && 4L * settings.changed() > settings.records()) {
      throw new IllegalArgumentException("--changed is at most a quarter of --records");
    }
    Path target =
        Files.createDirectories(
            ServiceProcess.repositoryRoot().resolve("bench/connector-sap/target"));

    KafkaEndpoint kafka = TestInfrastructure.kafka();
    PostgresEndpoint postgres = TestInfrastructure.postgres();
    TestDatabase database =
        new TestDatabase(
            postgres.createDatabase("bench_sap"), postgres.user(), postgres.password());
    Knobs.Settings latency =
        Knobs.Settings.defaults().withLatency(Duration.ofMillis(settings.latencyMs()));
    try (SapSandbox sandbox =
        SapSandbox.start(
            SandboxOptions.builder()
                .equipmentCount(settings.records())
                .knobs(latency)
                .journalCapacity(Math.max(100_000, 4 * settings.changed() + 10_000))
                .build())) {
      new SapConnectorBenchmark(settings, kafka, database, sandbox).run(target);
    }
  }

  private void run(Path target) throws Exception {
    publish(connection(SyncDirection.INBOUND, 0, 1));
    publish(mapping(settings.pageSize()));
    var env = OrchestratorApi.environment(kafka, database);
    env.put("TGM_CREDENTIALS_KEYS", SealedSecrets.KEYS);
    try (ServiceProcess orchestrator =
            ServiceProcess.start("sync-orchestrator", env, settings.jvm(), target);
        ServiceProcess connector =
            ServiceProcess.start("connector-sap", env, settings.jvm(), target)) {
      orchestrator.awaitReady(Duration.ofSeconds(120));
      connector.awaitReady(Duration.ofSeconds(120));
      OrchestratorApi api = new OrchestratorApi(orchestrator);
      inbound(api);
      if (settings.outbound()) {
        sandbox
            .knobs()
            .apply(
                Knobs.Settings.defaults()
                    .withLatency(Duration.ofMillis(settings.latencyMs()))
                    .withRateLimit(settings.rate(), Duration.ofSeconds(1)));
        publish(connection(SyncDirection.OUTBOUND, settings.rate(), 2));
        outbound(api, 0, settings.batchSize());
        outbound(api, 1, 1);
        outbound(api, 2, settings.batchSize());
        connectorOnly(3, 1);
        connectorOnly(4, settings.batchSize());
      }
      report(orchestrator, connector);
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException(
          "not exact (the tables above include these runs):\n" + String.join("\n", failures));
    }
  }

  // ---------------------------------------------------------------- inbound

  private void inbound(OrchestratorApi api) throws Exception {
    sandbox.journal().clear();
    long jobId = api.startSync(CONNECTION_ID, "full");
    JsonNode job = api.awaitEnd(jobId, Duration.ofHours(1));
    int records = settings.records();
    // pages of $top/$skip until the count is reached: no empty page after the last full one
    int pages = (records + settings.pageSize() - 1) / settings.pageSize();
    List<String> problems = new ArrayList<>();
    check(problems, "status", job.path("status").asText(), "COMPLETED");
    for (String counter : List.of("totalRecords", "processedRecords", "successCount")) {
      check(problems, counter, job.path(counter).asLong(), (long) records);
    }
    check(problems, "errorCount", job.path("errorCount").asLong(), 0L);
    check(problems, "tgm.unit rows", Sql.count(database, "SELECT count(*) FROM tgm.unit"), records);
    check(
        problems,
        "ledger rows with an ETag",
        Sql.count(
            database,
            "SELECT count(*) FROM orchestrator.sync_ledger"
                + " WHERE connection_id = ? AND erp_etag IS NOT NULL",
            CONNECTION_ID),
        records);
    List<JournalEntry> requests = sandbox.journal().find(JournalFilter.all().withoutBatchParts());
    List<JournalEntry> pageGets =
        requests.stream()
            .filter(e -> e.method().equals("GET") && e.path().endsWith(EQUIPMENT))
            .toList();
    check(problems, "page GETs", pageGets.size(), pages);
    check(
        problems,
        "page GETs answered 200",
        pageGets.stream().filter(e -> e.status() == 200).count(),
        (long) pages);
    check(problems, "other requests", describe(requests, e -> !pageGets.contains(e)), "{}");
    failOn(problems, "inbound", api, jobId, job);

    long durationMs = job.path("durationMs").asLong();
    Duration span = span(pageGets);
    inboundRows.add(
        String.format(
            Locale.ROOT,
            "| %,d | %,d | %d ms | %,d | %s (%,d ms) | %.1f | %,.0f | %,.0f ms | %s |",
            records,
            settings.pageSize(),
            settings.latencyMs(),
            pages,
            job.path("durationFormatted").asText(),
            durationMs,
            pages * 1000.0 / durationMs,
            records * 1000.0 / durationMs,
            (double) durationMs / pages,
            seconds(span)));
  }

  // ---------------------------------------------------------------- outbound

  /** What SAP received during one outbound run. */
  private record Writes(
      List<JournalEntry> requests,
      long batches,
      long patches,
      long batchedPatches,
      long throttled,
      Duration span,
      int peak) {}

  /**
   * Through the orchestrator: run 0 changes nothing; runs 1 and 2 each rename their own {@code
   * --changed} units in TGM first, then an incremental sync writes them.
   */
  private void outbound(OrchestratorApi api, int run, int batchSize) throws Exception {
    int changed = run == 0 ? 0 : settings.changed();
    String marker = " (r" + run + ")";
    publish(mapping(batchSize));
    Thread.sleep(SNAPSHOT_SETTLE.toMillis());
    if (changed > 0) {
      int updated =
          Sql.update(
              database,
              "UPDATE tgm.unit SET name = name || ? WHERE id IN"
                  + " (SELECT id FROM tgm.unit ORDER BY id LIMIT ? OFFSET ?)",
              marker,
              changed,
              (run - 1) * changed);
      if (updated != changed) {
        throw new IllegalStateException(updated + " units renamed, not " + changed);
      }
    }
    String label = run == 0 ? "nothing changed" : batchSize == 1 ? "without $batch" : "with $batch";
    sandbox.journal().clear();
    long jobId = api.startSync(CONNECTION_ID, "incremental");
    JsonNode job;
    try {
      // a write takes 1/R s at most; a job without progress for a minute has stopped
      job = api.awaitEnd(jobId, Duration.ofHours(1), Duration.ofSeconds(60));
    } catch (OrchestratorApi.Stalled stalled) {
      Writes writes = writes(null, changed, marker, batchSize);
      long answered =
          Sql.count(
              database,
              "SELECT count(*) FROM orchestrator.sync_command"
                  + " WHERE job_id = ? AND answered_at IS NOT NULL",
              jobId);
      long issued =
          Sql.count(
              database, "SELECT count(*) FROM orchestrator.sync_command WHERE job_id = ?", jobId);
      String why =
          String.format(
              Locale.ROOT,
              "outbound run %d (%s): the job made no progress for 60 s: %s; SAP received %,d"
                  + " requests (%s) with %,d PATCHes; the orchestrator issued %,d write"
                  + " commands and has an answer to %,d",
              run,
              label,
              stalled.getMessage(),
              writes.requests().size(),
              describe(writes.requests(), e -> true),
              writes.patches(),
              issued,
              answered);
      failures.add(why);
      System.out.println(why);
      outboundRows.add(
          String.format(
              Locale.ROOT,
              "| %s | %d | %,d | %,d | %d/s | did not end: %,d of %,d writes answered | – | %s | –"
                  + " | %,d | %,d | %,d (%,d) | %d | %d |",
              label,
              batchSize,
              stalled.job().path("totalRecords").asLong(),
              changed,
              settings.rate(),
              answered,
              issued,
              seconds(writes.span()),
              writes.requests().size(),
              writes.batches(),
              writes.patches(),
              writes.batchedPatches(),
              writes.throttled(),
              writes.peak()));
      api.cancel(jobId);
      return;
    }

    List<String> problems = new ArrayList<>();
    check(problems, "status", job.path("status").asText(), "COMPLETED");
    check(problems, "errorCount", job.path("errorCount").asLong(), 0L);
    Writes writes = writes(problems, changed, marker, batchSize);
    check(
        problems,
        "ledger rows this job wrote",
        Sql.count(
            database,
            "SELECT count(*) FROM orchestrator.sync_ledger l JOIN tgm.unit u ON u.id = l.tgm_id"
                + " WHERE l.connection_id = ? AND l.last_job_id = ?"
                + " AND l.last_direction = 'OUTBOUND' AND u.name LIKE ?",
            CONNECTION_ID,
            jobId,
            "%" + marker),
        (long) changed);
    if (!problems.isEmpty()) {
      failures.add("outbound run " + run + " is not exact: " + problems + "\njob: " + job);
    }
    long durationMs = job.path("durationMs").asLong();
    outboundRows.add(
        row(
            label,
            batchSize,
            String.format(Locale.ROOT, "%,d", job.path("totalRecords").asLong()),
            changed,
            String.format(
                Locale.ROOT, "%s (%,d ms)", job.path("durationFormatted").asText(), durationMs),
            durationMs,
            writes));
    System.out.printf(
        Locale.ROOT,
        "outbound run %d (%s, batchSize %d): job %s%n  requests: %s%n",
        run,
        label,
        batchSize,
        job,
        describe(writes.requests(), e -> true));
  }

  /**
   * The connector alone: write commands for {@code --changed} units (their ledger key and ETag, the
   * name with the run's marker) published to erp.commands.sap at once, as {@code UpsertRecord}s
   * (batchSize 1) or {@code UpsertRecords} of {@code batchSize}, timed until every result is on
   * erp.results. TGM is not changed; the orchestrator ignores the results (it did not ask).
   */
  private void connectorOnly(int run, int batchSize) throws Exception {
    int changed = settings.changed();
    String marker = " (r" + run + ")";
    String keyPrefix = "bench-r" + run + "-";
    List<RecordWrite> writes = new ArrayList<>();
    try (Connection connection = database.connect();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT u.id, u.name, l.erp_key, l.erp_etag FROM tgm.unit u"
                    + " JOIN orchestrator.sync_ledger l ON l.tgm_id = u.id"
                    + " WHERE l.connection_id = ? ORDER BY u.id LIMIT ? OFFSET ?")) {
      select.setLong(1, CONNECTION_ID);
      select.setInt(2, changed);
      select.setInt(3, (run - 1) * changed);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          Map<String, String> key = JSON.readValue(row.getString(3), new TypeReference<>() {});
          writes.add(
              new RecordWrite(
                  row.getLong(1),
                  key,
                  row.getString(4),
                  Map.of("EquipmentName", row.getString(2) + marker),
                  keyPrefix + row.getLong(1)));
        }
      }
    }
    if (writes.size() != changed) {
      throw new IllegalStateException(writes.size() + " units to write, not " + changed);
    }
    long jobId = 900_000L + run;
    List<String> commands = new ArrayList<>();
    for (int i = 0; i < writes.size(); i += batchSize) {
      List<RecordWrite> chunk = writes.subList(i, Math.min(writes.size(), i + batchSize));
      commands.add(
          ContractJson.write(
              chunk.size() == 1
                  ? new UpsertRecord(
                      MessageMeta.create("bench"),
                      CONNECTION_ID,
                      jobId,
                      MAPPING_ID,
                      "Equipment",
                      chunk.get(0))
                  : new UpsertRecords(
                      MessageMeta.create("bench"),
                      CONNECTION_ID,
                      jobId,
                      MAPPING_ID,
                      "Equipment",
                      List.copyOf(chunk))));
    }
    String label =
        batchSize == 1 ? "connector only, without $batch" : "connector only, with $batch";
    sandbox.journal().clear();
    List<ConsumerRecord<String, String>> results;
    long elapsedMs;
    try (TopicProbe probe = TopicProbe.open(kafka, Topics.RESULTS);
        TestProducer producer = new TestProducer(kafka)) {
      long started = System.nanoTime();
      for (String command : commands) {
        producer.send(Topics.COMMANDS_SAP, Topics.connectionKey(CONNECTION_ID), command);
      }
      results =
          probe.awaitCount(
              r -> r.value().contains("\"idempotencyKey\":\"" + keyPrefix),
              changed,
              Duration.ofSeconds(120 + 3L * changed / Math.max(1, settings.rate())));
      elapsedMs = (System.nanoTime() - started) / 1_000_000;
    }
    List<String> problems = new ArrayList<>();
    check(
        problems,
        "RecordApplied results",
        results.stream().filter(r -> r.value().contains("\"RecordApplied\"")).count(),
        (long) changed);
    Writes sent = writes(problems, changed, marker, batchSize);
    if (!problems.isEmpty()) {
      failures.add("run " + run + " (" + label + ") is not exact: " + problems);
    }
    outboundRows.add(
        row(
            label,
            batchSize,
            "–",
            changed,
            String.format(Locale.ROOT, "%,d ms (commands to last result)", elapsedMs),
            elapsedMs,
            sent));
    System.out.printf(
        Locale.ROOT,
        "run %d (%s, batchSize %d): %,d commands, %,d ms%n  requests: %s%n",
        run,
        label,
        batchSize,
        commands.size(),
        elapsedMs,
        describe(sent.requests(), e -> true));
  }

  /** Checks what SAP received in the run (problems null: count only) and sums it up. */
  private Writes writes(List<String> problems, int changed, String marker, int batchSize) {
    List<JournalEntry> requests = sandbox.journal().find(JournalFilter.all().withoutBatchParts());
    List<JournalEntry> everything = sandbox.journal().find(JournalFilter.all());
    List<JournalEntry> patches =
        everything.stream().filter(e -> e.method().equals("PATCH")).toList();
    long batches = requests.stream().filter(e -> e.path().endsWith("/$batch")).count();
    check(problems, "PATCH writes", patches.size(), changed);
    check(
        problems,
        "PATCH writes answered 204",
        patches.stream().filter(e -> e.status() == 204).count(),
        (long) changed);
    check(
        problems,
        "distinct records PATCHed",
        patches.stream().map(JournalEntry::path).distinct().count(),
        (long) changed);
    check(
        problems,
        "PATCHes without the run's change or without If-Match",
        patches.stream()
            .filter(e -> !e.body().contains(marker) || e.header("If-Match") == null)
            .count(),
        0L);
    check(
        problems,
        "creates (POST to Equipment)",
        everything.stream()
            .filter(e -> e.method().equals("POST") && e.path().endsWith(EQUIPMENT))
            .count(),
        0L);
    // batchSize 1 never batches; a larger one batches what a feed step has for one command (a
    // command of one write is a single PATCH)
    if (batchSize == 1) {
      check(problems, "$batch requests", batches, 0L);
    }
    check(
        problems,
        "SAP equipment holding the run's change",
        sandbox.store("Equipment").query(List.of(), 0, Long.MAX_VALUE, false).items().stream()
            .filter(r -> String.valueOf(r.get("EquipmentName")).endsWith(marker))
            .count(),
        (long) changed);
    return new Writes(
        requests,
        batches,
        patches.size(),
        patches.stream().filter(JournalEntry::batchPart).count(),
        requests.stream().filter(e -> e.status() == 429).count(),
        span(requests),
        peakPerSecond(requests));
  }

  private String row(
      String label, int batchSize, String read, int changed, String duration, long ms, Writes w) {
    return String.format(
        Locale.ROOT,
        "| %s | %d | %s | %,d | %d/s | %s | %s | %s | %s | %,d | %,d | %,d (%,d) | %d | %d |",
        label,
        batchSize,
        read,
        changed,
        settings.rate(),
        duration,
        changed == 0 ? "–" : String.format(Locale.ROOT, "%,.1f", changed * 1000.0 / ms),
        seconds(w.span()),
        changed == 0 || w.span().isZero()
            ? "–"
            : String.format(Locale.ROOT, "%,.1f", changed * 1000.0 / w.span().toMillis()),
        w.requests().size(),
        w.batches(),
        w.patches(),
        w.batchedPatches(),
        w.throttled(),
        w.peak());
  }

  // ---------------------------------------------------------------- snapshots

  private ConnectionSnapshot connection(SyncDirection direction, int rate, long version) {
    return Snapshots.sapConnection(CONNECTION_ID)
        .name("Benchmark SAP sandbox")
        .description("connector-sap benchmark")
        .basic(
            SandboxOptions.DEFAULT_USER,
            SealedSecrets.seal(
                CONNECTION_ID, ConnectionSnapshot.PASSWORD, SandboxOptions.DEFAULT_PASSWORD))
        .baseUrl(sandbox.baseUri() + "/sap/opu/odata4/sap")
        .sapSystemId("S4H")
        .direction(direction)
        .rateLimit(rate, rate > 0 ? 1 : 0)
        .version(version)
        .build();
  }

  /** UNIT ↔ Equipment as the system tests map it: the name both ways, the rest inbound. */
  private MappingSnapshot mapping(int batchSize) {
    List<FieldMappingSpec> fields =
        List.of(
            Snapshots.field(
                "serialNumber",
                "ManufacturerSerialNumber",
                FieldType.STRING,
                SyncDirection.INBOUND,
                true,
                null,
                null),
            new FieldMappingSpec(
                "name",
                "EquipmentName",
                FieldType.STRING,
                SyncDirection.BIDIRECTIONAL,
                true,
                false,
                null,
                null,
                null,
                null),
            Snapshots.field(
                "manufacturer",
                "ManufacturerName",
                FieldType.STRING,
                SyncDirection.INBOUND,
                false,
                null,
                null),
            Snapshots.field(
                "model",
                "ManufacturerPartTypeName",
                FieldType.STRING,
                SyncDirection.INBOUND,
                false,
                null,
                null));
    return Snapshots.mapping(
        MAPPING_ID,
        CONNECTION_ID,
        EntityType.UNIT,
        "Equipment",
        SyncDirection.BIDIRECTIONAL,
        batchSize,
        "LastChangeDateTime",
        fields,
        ++mappingVersion);
  }

  private void publish(ConnectionSnapshot connection) {
    Snapshots.publish(kafka, connection);
  }

  private void publish(MappingSnapshot mapping) {
    Snapshots.publish(kafka, mapping);
  }

  // ---------------------------------------------------------------- report

  private void report(ServiceProcess orchestrator, ServiceProcess connector) {
    System.out.printf(
        Locale.ROOT,
        "%n### inbound full sync (latency %d ms per request, no rate limit)%n%n"
            + "| equipment | page size | latency | pages | job duration | pages/s | records/s"
            + " | ms per page | first to last page GET |%n"
            + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n",
        settings.latencyMs());
    inboundRows.forEach(System.out::println);
    if (!outboundRows.isEmpty()) {
      System.out.printf(
          Locale.ROOT,
          "%n### outbound incremental syncs (rate limit %d requests/s in the connection and in"
              + " SAP, latency %d ms)%n%n"
              + "| run | batchSize | units read | units changed | rate limit | job duration"
              + " | records/s (job) | first to last request | records/s (requests) | HTTP"
              + " requests | of which $batch | PATCH writes (in a $batch) | 429s | most"
              + " requests in 1 s |%n"
              + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n",
          settings.rate(),
          settings.latencyMs());
      outboundRows.forEach(System.out::println);
    }
    System.out.println();
    System.out.println("services' JVM options: " + String.join(" ", settings.jvm()));
    System.out.println("orchestrator log: " + orchestrator.log());
    System.out.println("connector log: " + connector.log());
  }

  // ---------------------------------------------------------------- helpers

  private static void check(List<String> problems, String what, Object actual, Object expected) {
    if (problems != null && !expected.equals(actual)) {
      problems.add(what + " = " + actual + ", expected " + expected);
    }
  }

  private static void check(List<String> problems, String what, long actual, int expected) {
    check(problems, what, actual, (long) expected);
  }

  private static void failOn(
      List<String> problems, String phase, OrchestratorApi api, long jobId, JsonNode job)
      throws Exception {
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "the "
              + phase
              + " sync is not exact: "
              + problems
              + "\njob: "
              + job
              + "\ndetail: "
              + api.detail(jobId));
    }
  }

  /** The requests as {@code "METHOD last-path-segment status": count}, keys left out, sorted. */
  private static String describe(
      List<JournalEntry> requests, java.util.function.Predicate<JournalEntry> which) {
    Map<String, Long> kinds =
        requests.stream()
            .filter(which)
            .collect(
                Collectors.groupingBy(
                    e ->
                        e.method()
                            + " "
                            + e.path()
                                .substring(e.path().lastIndexOf('/') + 1)
                                .replaceAll("\\(.*\\)$", "(key)")
                            + " "
                            + e.status(),
                    TreeMap::new,
                    Collectors.counting()));
    return kinds.toString();
  }

  /** From the first request's arrival to the last one's. */
  private static Duration span(List<JournalEntry> requests) {
    if (requests.size() < 2) {
      return Duration.ZERO;
    }
    Instant first = requests.get(0).arrivedAt();
    Instant last = requests.get(requests.size() - 1).arrivedAt();
    return Duration.between(first, last);
  }

  /** The most requests that arrived within any one second. */
  private static int peakPerSecond(List<JournalEntry> requests) {
    int peak = 0;
    int from = 0;
    for (int to = 0; to < requests.size(); to++) {
      Instant end = requests.get(to).arrivedAt();
      while (!requests.get(from).arrivedAt().isAfter(end.minusSeconds(1))) {
        from++;
      }
      peak = Math.max(peak, to - from + 1);
    }
    return peak;
  }

  private static String seconds(Duration span) {
    return span.isZero() ? "–" : String.format(Locale.ROOT, "%.2f s", span.toMillis() / 1000.0);
  }
}
