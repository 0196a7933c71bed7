package com.tgm.erpsync.bench.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.bench.support.BenchOptions;
import com.tgm.erpsync.bench.support.OrchestratorApi;
import com.tgm.erpsync.bench.support.Sql;
import com.tgm.erpsync.contracts.Topics;
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
import com.tgm.erpsync.testsupport.TopicProbe;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Realtime outbound latency: how long a TGM row update takes to reach SAP as a write. The packaged
 * mapping-service, sync-orchestrator (change capture on, through a replication slot of its own),
 * connector-sap and connection-service (the admin API), each in its own JVM as the system tests run
 * them, on real Kafka and PostgreSQL (embedded, or external ones named as in the tests), against
 * the in-process SAP S/4HANA sandbox over HTTP (OData V4, OAuth).
 *
 * <ol>
 *   <li>Through the admin API: an S/4HANA OAuth connection to the sandbox and the UNIT ↔ Equipment
 *       mapping of the system tests (the name both ways), a full sync of {@code --records}
 *       Equipment records (default 1,000), and a wait until the capture of its inserts was skipped.
 *   <li>{@code --warm-up} changes (default 100, discarded), then {@code --changes} (default 1,000)
 *       at {@code --rate} per second (default 20), back to back: each one {@code UPDATE tgm.unit
 *       SET name = <a value of its own>} of one unit, committed on its own; units taken round
 *       robin, so one unit is changed again only {@code records / rate} seconds later.
 *   <li>Waits until SAP received every value as a successful PATCH and reports, per change, the
 *       time from the commit to the PATCH's arrival, and its parts: to the change on tgm.changes,
 *       from there to the write command on erp.commands.sap, from there to SAP.
 * </ol>
 *
 * <p>The commit time is the benchmark's wall clock when {@code commit()} returned; the sandbox runs
 * in the same JVM and stamps arrivals with the same clock, so the difference is a latency. Kafka
 * record timestamps are the producing service's wall clock (another JVM on the same host, the same
 * system clock) in whole milliseconds.
 *
 * <p>{@code --synchronous-commit=on|off|server} (default on): the changes' sessions commit with
 * PostgreSQL's default, as a production TGM database does, or as the server is set (the embedded
 * test server runs with {@code synchronous_commit=off} for speed: the WAL sender then sees a commit
 * only when the WAL writer flushes it, every 200 ms, which capture would wait for).
 *
 * <p>{@code --rate-limit=N|default} (default 1000): the connection's rate limit in requests per
 * second, well above the change rate so that it measures the pipeline, not the limiter; {@code
 * default} leaves the admin API's (100 requests per 60 s), below a change rate of 2 per second.
 *
 * <p>Other options: {@code --jvm="options"} for every service (default {@code -Xmx256m
 * -XX:+UseSerialGC}). System property {@code tgm.repo.root} names the repository root.
 */
public final class RealtimeLatencyBenchmark {
  private static final Duration STARTUP = Duration.ofSeconds(120);
  private static final Duration NO_PROGRESS = Duration.ofSeconds(120);
  private static final Duration QUIET = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Settings settings;
  private final KafkaEndpoint kafka;
  private final TestDatabase database;
  private final SapSandbox sandbox;

  private record Settings(
      int records,
      int changes,
      int rate,
      int warmUp,
      String synchronousCommit,
      String rateLimit,
      List<String> jvm) {}

  /** One change: its value, when its commit returned, and how late it started against the rate. */
  private record Change(String value, Instant committed, long lateNanos) {}

  private RealtimeLatencyBenchmark(
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
                "changes",
                "rate",
                "warm-up",
                "synchronous-commit",
                "rate-limit",
                "jvm"));
    Settings settings =
        new Settings(
            options.integer("records", 1000),
            options.integer("changes", 1000),
            options.integer("rate", 20),
            options.integer("warm-up", 100),
            options.get("synchronous-commit", "on"),
            options.get("rate-limit", "1000"),
            options.jvmOptions("jvm"));
    if (settings.rate() < 1 || settings.changes() < 1 || settings.warmUp() < 0) {
      throw new IllegalArgumentException("--rate and --changes are at least 1, --warm-up 0");
    }
    if (!Set.of("on", "off", "server").contains(settings.synchronousCommit())) {
      throw new IllegalArgumentException("--synchronous-commit is on, off or server");
    }
    if (!settings.rateLimit().equals("default") && !settings.rateLimit().matches("[1-9][0-9]*")) {
      throw new IllegalArgumentException(
          "--rate-limit is a number of requests per second or default");
    }
    // a unit changed again while its last change is in flight would measure the merge, not a write
    if (settings.records() < 10L * settings.rate()) {
      throw new IllegalArgumentException(
          "--records is at least 10 × --rate: a unit is changed again after 10 s at the soonest");
    }
    Path target =
        Files.createDirectories(ServiceProcess.repositoryRoot().resolve("bench/realtime/target"));

    KafkaEndpoint kafka = TestInfrastructure.kafka();
    PostgresEndpoint postgres = TestInfrastructure.postgres();
    TestDatabase database =
        new TestDatabase(
            postgres.createDatabase("bench_realtime"), postgres.user(), postgres.password());
    try (SapSandbox sandbox =
        SapSandbox.start(
            SandboxOptions.builder()
                .equipmentCount(settings.records())
                .journalCapacity(
                    Math.max(100_000, 4 * (settings.warmUp() + settings.changes()) + 10_000))
                .build())) {
      new RealtimeLatencyBenchmark(settings, kafka, database, sandbox).run(target);
    }
  }

  private void run(Path target) throws Exception {
    Map<String, String> env = OrchestratorApi.environment(kafka, database);
    env.put("TGM_CREDENTIALS_KEYS", SealedSecrets.KEYS);
    env.put("TGM_CREDENTIALS_CURRENT_KEY", SealedSecrets.KEY_ID);
    String slot = "tgm_erp_sync_bench_" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    env.put("ORCHESTRATOR_CAPTURE_ENABLED", "true");
    env.put("ORCHESTRATOR_CAPTURE_SLOT", slot);
    env.put("ORCHESTRATOR_CAPTURE_PUBLICATION", slot);
    List<ServiceProcess> services = new ArrayList<>();
    try {
      ServiceProcess mapping = start("mapping-service", env, target, services);
      ServiceProcess orchestrator = start("sync-orchestrator", env, target, services);
      ServiceProcess connector = start("connector-sap", env, target, services);
      for (ServiceProcess service : services) {
        service.awaitReady(STARTUP);
      }
      Map<String, String> edgeEnv = new HashMap<>(env);
      edgeEnv.put("MAPPING_SERVICE_URL", "http://localhost:" + mapping.port());
      edgeEnv.put("SYNC_ORCHESTRATOR_URL", "http://localhost:" + orchestrator.port());
      ServiceProcess edge = start("connection-service", edgeEnv, target, services);
      edge.awaitReady(STARTUP);

      long connectionId = connect(new OrchestratorApi(edge));
      List<Long> units = units(connectionId);
      measure(connectionId, units);
      System.out.println("services' JVM options: " + String.join(" ", settings.jvm()));
      System.out.println("orchestrator log: " + orchestrator.log());
      System.out.println("connector log: " + connector.log());
    } finally {
      for (ServiceProcess service : services) {
        service.close();
      }
      dropSlot(slot);
    }
  }

  private ServiceProcess start(
      String module, Map<String, String> env, Path target, List<ServiceProcess> services) {
    ServiceProcess service = ServiceProcess.start(module, env, settings.jvm(), target);
    services.add(service);
    return service;
  }

  // ---------------------------------------------------------------- set-up

  /**
   * Creates the connection and its mapping through the admin API, runs a full sync and waits until
   * the capture of its inserts came back and was skipped (sync wrote them: no echo to SAP).
   */
  private long connect(OrchestratorApi edge) throws Exception {
    String base = sandbox.baseUri().toString();
    long connectionId =
        created(
            edge.post("/api/admin/erp/connections", connectionJson(base, settings.rateLimit())));
    created(edge.post("/api/admin/erp/connections/" + connectionId + "/mappings", mappingJson()));
    long started = System.nanoTime();
    long jobId = edge.startSync(connectionId, "full");
    JsonNode job = edge.awaitEnd(jobId, Duration.ofMinutes(30), Duration.ofMinutes(2));
    if (!"COMPLETED".equals(job.path("status").asText())
        || job.path("successCount").asLong() != settings.records()) {
      throw new IllegalStateException(
          "the full sync is not exact: " + job + "\ndetail: " + edge.detail(jobId));
    }
    System.out.printf(
        Locale.ROOT,
        "full sync of %,d equipment: %s%n",
        settings.records(),
        job.path("durationFormatted").asText());
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    long skipped;
    while ((skipped = realtimeCount(connectionId, "skip_count")) < settings.records()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the capture of the full sync's inserts: "
                + skipped
                + " of "
                + settings.records()
                + " skipped after 5 minutes");
      }
      Thread.sleep(200);
    }
    System.out.printf(
        Locale.ROOT,
        "capture of the full sync's inserts skipped %,d s after the sync started%n",
        (System.nanoTime() - started) / 1_000_000_000L);
    return connectionId;
  }

  private static long created(HttpResponse<String> response) throws Exception {
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "the admin API answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body()).path("id").asLong();
  }

  /** The units the full sync linked to the connection's Equipment records. */
  private List<Long> units(long connectionId) throws Exception {
    List<Long> units = new ArrayList<>();
    try (Connection connection = database.connect();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT tgm_id FROM orchestrator.sync_ledger WHERE connection_id = ?"
                    + " ORDER BY tgm_id")) {
      select.setLong(1, connectionId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          units.add(rows.getLong(1));
        }
      }
    }
    if (units.size() != settings.records()) {
      throw new IllegalStateException(units.size() + " linked units, not " + settings.records());
    }
    return units;
  }

  private long realtimeCount(long connectionId, String counter) throws Exception {
    return Sql.count(
        database,
        "SELECT coalesce(sum("
            + counter
            + "), 0) FROM orchestrator.sync_job"
            + " WHERE connection_id = ? AND job_type = 'REALTIME'",
        connectionId);
  }

  // ---------------------------------------------------------------- measurement

  private void measure(long connectionId, List<Long> units) throws Exception {
    int total = settings.warmUp() + settings.changes();
    sandbox.journal().clear();
    List<Change> changes;
    Map<String, List<JournalEntry>> writes;
    try (TopicProbe captured = TopicProbe.open(kafka, Topics.TGM_CHANGES);
        TopicProbe commanded = TopicProbe.open(kafka, Topics.COMMANDS_SAP)) {
      changes = change(units, total);
      writes = awaitWrites(changes);
      Thread.sleep(QUIET.toMillis()); // anything written twice would show now
      writes = writesByValue();
      // the record timestamps are the producers' clocks: reading the topics now loses nothing
      report(
          connectionId,
          changes.subList(settings.warmUp(), total),
          writes,
          firstTimestamps(captured, RealtimeLatencyBenchmark::unitName),
          firstTimestamps(commanded, RealtimeLatencyBenchmark::equipmentNames));
    }
  }

  /** When each value first appeared on the probe's topic: the earliest record timestamp (ms). */
  private static Map<String, Long> firstTimestamps(
      TopicProbe probe, Function<String, List<String>> values) {
    Map<String, Long> first = new HashMap<>();
    for (ConsumerRecord<String, String> record : probe.drain(r -> true, Duration.ofSeconds(2))) {
      for (String value : values.apply(record.value())) {
        first.merge(value, record.timestamp(), Math::min);
      }
    }
    return first;
  }

  /** The unit name a TgmRecordChanged carries. */
  private static List<String> unitName(String json) {
    try {
      JsonNode name = JSON.readTree(json).path("values").path("name");
      return name.isTextual() ? List.of(name.asText()) : List.of();
    } catch (Exception e) {
      return List.of();
    }
  }

  /** The changes at the steady rate, each committed on its own, on one connection. */
  private List<Change> change(List<Long> units, int total) throws Exception {
    List<Change> changes = new ArrayList<>(total);
    long period = 1_000_000_000L / settings.rate();
    try (Connection connection = database.connect();
        PreparedStatement update =
            connection.prepareStatement("UPDATE tgm.unit SET name = ? WHERE id = ?")) {
      if (!settings.synchronousCommit().equals("server")) {
        try (var set = connection.createStatement()) {
          set.execute("SET synchronous_commit = " + settings.synchronousCommit());
        }
      }
      connection.setAutoCommit(false);
      long start = System.nanoTime();
      for (int i = 0; i < total; i++) {
        long due = start + i * period;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        long late = System.nanoTime() - due;
        String value = String.format(Locale.ROOT, "%s-%06d", i < settings.warmUp() ? "W" : "R", i);
        update.setString(1, value);
        update.setLong(2, units.get(i % units.size()));
        if (update.executeUpdate() != 1) {
          throw new IllegalStateException("unit " + units.get(i % units.size()) + " not updated");
        }
        connection.commit();
        changes.add(new Change(value, Instant.now(), late));
      }
    }
    return changes;
  }

  /** Waits until SAP received every change as a successful PATCH; fails after no progress. */
  private Map<String, List<JournalEntry>> awaitWrites(List<Change> changes) throws Exception {
    int seen = -1;
    long movedAt = System.nanoTime();
    while (true) {
      Map<String, List<JournalEntry>> writes = writesByValue();
      int arrived = (int) changes.stream().filter(c -> writes.containsKey(c.value())).count();
      if (arrived == changes.size()) {
        return writes;
      }
      if (arrived != seen) {
        seen = arrived;
        movedAt = System.nanoTime();
      } else if (System.nanoTime() - movedAt > NO_PROGRESS.toNanos()) {
        throw new IllegalStateException(
            "SAP received "
                + arrived
                + " of "
                + changes.size()
                + " changes and nothing more for "
                + NO_PROGRESS.toSeconds()
                + " s; requests: "
                + sandbox.journal().find(JournalFilter.all()).size());
      }
      Thread.sleep(250);
    }
  }

  /** SAP's successful PATCHes ($batch parts included) by the EquipmentName they carry. */
  private Map<String, List<JournalEntry>> writesByValue() {
    Map<String, List<JournalEntry>> writes = new HashMap<>();
    for (JournalEntry patch : sandbox.journal().find(JournalFilter.all().method("PATCH"))) {
      if (patch.status() >= 200 && patch.status() < 300) {
        for (String value : equipmentNames(patch.body())) {
          writes.computeIfAbsent(value, v -> new ArrayList<>()).add(patch);
        }
      }
    }
    return writes;
  }

  /** The EquipmentName of every write in a PATCH body or a write command. */
  static List<String> equipmentNames(String json) {
    try {
      return JSON.readTree(json).findValues("EquipmentName").stream()
          .map(JsonNode::asText)
          .toList();
    } catch (Exception e) {
      return List.of();
    }
  }

  // ---------------------------------------------------------------- report

  private void report(
      long connectionId,
      List<Change> measured,
      Map<String, List<JournalEntry>> writes,
      Map<String, Long> changedAt,
      Map<String, Long> commandedAt)
      throws Exception {
    List<Double> endToEnd = new ArrayList<>();
    List<Double> capture = new ArrayList<>();
    List<Double> orchestrator = new ArrayList<>();
    List<Double> connector = new ArrayList<>();
    List<Double> afterCapture = new ArrayList<>();
    long twice = 0;
    long batched = 0;
    long lateStarts = 0;
    double latest = 0;
    for (Change change : measured) {
      List<JournalEntry> written = writes.get(change.value());
      twice += written.size() > 1 ? 1 : 0;
      JournalEntry first = written.get(0);
      batched += first.batchPart() ? 1 : 0;
      long arrived = micros(first.arrivedAt());
      long committed = micros(change.committed());
      endToEnd.add((arrived - committed) / 1000.0);
      Long changed = changedAt.get(change.value());
      Long commanded = commandedAt.get(change.value());
      if (changed != null) {
        capture.add(changed - committed / 1000.0);
        afterCapture.add(arrived / 1000.0 - changed);
      }
      if (changed != null && commanded != null) {
        orchestrator.add((double) (commanded - changed));
      }
      if (commanded != null) {
        connector.add(arrived / 1000.0 - commanded);
      }
      lateStarts += change.lateNanos() > 10_000_000L ? 1 : 0;
      latest = Math.max(latest, change.lateNanos() / 1e6);
    }
    long unsuccessful =
        sandbox.journal().find(JournalFilter.all().method("PATCH")).stream()
            .filter(e -> e.status() < 200 || e.status() >= 300)
            .count();
    double spanSeconds =
        Duration.between(measured.get(0).committed(), measured.get(measured.size() - 1).committed())
                .toNanos()
            / 1e9;

    System.out.printf(
        Locale.ROOT,
        "%n### realtime outbound latency (%,d changes at %d/s after %,d warm-up, %,d units,"
            + " synchronous_commit %s, connection rate limit %s)%n%n"
            + "| stage | changes | p50 | p90 | p99 | max |%n"
            + "|---|---:|---:|---:|---:|---:|%n",
        measured.size(),
        settings.rate(),
        settings.warmUp(),
        settings.records(),
        synchronousCommit(),
        settings.rateLimit().equals("default")
            ? "the admin API's default"
            : settings.rateLimit() + " requests/s");
    row("commit → SAP PATCH arrival (end to end)", endToEnd);
    row("commit → tgm.changes (capture)", capture);
    row("tgm.changes → erp.commands.sap (orchestrator)", orchestrator);
    row("erp.commands.sap → SAP PATCH arrival (connector)", connector);
    row("tgm.changes → SAP PATCH arrival", afterCapture);
    System.out.printf(
        Locale.ROOT,
        "%n| changes | measured rate | span first to last commit | writes seen | written twice"
            + " | in a $batch | non-2xx PATCHes | started > 10 ms late (most) |%n"
            + "|---:|---:|---:|---:|---:|---:|---:|---:|%n"
            + "| %,d | %.2f/s | %.1f s | %,d | %d | %d | %d | %d (%.1f ms) |%n",
        measured.size(),
        (measured.size() - 1) / spanSeconds,
        spanSeconds,
        measured.stream().mapToInt(c -> writes.get(c.value()).size()).sum(),
        twice,
        batched,
        unsuccessful,
        lateStarts,
        latest);
    System.out.printf(
        Locale.ROOT,
        "%nREALTIME jobs of the connection: success %,d, skip %,d, error %,d; changes seen on"
            + " tgm.changes %,d, write commands on erp.commands.sap %,d (of all %,d changes)%n",
        realtimeCount(connectionId, "success_count"),
        realtimeCount(connectionId, "skip_count"),
        realtimeCount(connectionId, "error_count"),
        changedAt.size(),
        commandedAt.size(),
        settings.warmUp() + measured.size());
    System.out.printf(
        Locale.ROOT,
        "targets: p50 ≤ 100 ms (%s), p99 ≤ 500 ms (%s)%n",
        percentile(endToEnd, 0.50) <= 100 ? "met" : "missed",
        percentile(endToEnd, 0.99) <= 500 ? "met" : "missed");
    if (twice > 0) {
      throw new IllegalStateException(twice + " changes were written to SAP more than once");
    }
  }

  /** The setting the changes committed with: the option, or the server's. */
  private String synchronousCommit() throws Exception {
    try (Connection connection = database.connect();
        var show = connection.createStatement();
        ResultSet value = show.executeQuery("SHOW synchronous_commit")) {
      value.next();
      return settings.synchronousCommit().equals("server")
          ? value.getString(1) + " (the server's)"
          : settings.synchronousCommit() + " (the server's: " + value.getString(1) + ")";
    }
  }

  private static void row(String stage, List<Double> millis) {
    if (millis.isEmpty()) {
      System.out.printf("| %s | 0 | – | – | – | – |%n", stage);
      return;
    }
    System.out.printf(
        Locale.ROOT,
        "| %s | %,d | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n",
        stage,
        millis.size(),
        percentile(millis, 0.50),
        percentile(millis, 0.90),
        percentile(millis, 0.99),
        percentile(millis, 1.0));
  }

  /** The nearest-rank percentile: the smallest value at least {@code q} of all are not above. */
  static double percentile(List<Double> values, double q) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }

  // ---------------------------------------------------------------- clean-up

  /** The slot outlives the orchestrator and would hold the cluster's WAL: drop it once released. */
  private void dropSlot(String slot) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String active = "SELECT count(*) FROM pg_replication_slots WHERE slot_name = ? AND active";
    while (Sql.count(database, active, slot) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    Sql.count(
        database,
        "SELECT count(pg_drop_replication_slot(slot_name)) FROM pg_replication_slots"
            + " WHERE slot_name = ?",
        slot);
  }

  // ---------------------------------------------------------------- admin API bodies

  /**
   * The system tests' realtime S/4HANA connection (OAuth), without SAP's business events, with a
   * rate limit of {@code rateLimit} requests per second, or the admin API's default.
   */
  private static String connectionJson(String sandboxBase, String rateLimit) {
    String limit =
        rateLimit.equals("default")
            ? ""
            : "\"rateLimitRequests\": " + rateLimit + ", \"rateLimitPeriodSeconds\": 1,";
    return """
    {"name": "Realtime benchmark SAP %s", "description": "S/4HANA, two-way in realtime",
     "erpType": "SAP_S4HANA", "authType": "OAUTH2",
     "baseUrl": "%s/sap/opu/odata4/sap",
     "clientId": "%s", "clientSecret": "%s",
     "sapClient": "100", "sapSystemId": "S4H", "sapLanguage": "EN",
     "enabled": true, "syncEnabled": true, "syncDirection": "BIDIRECTIONAL",
     "syncIntervalMinutes": 60, "webhookEnabled": false, %s
     "connectionSettings": {"oauthTokenUrl": "%s/sap/bc/sec/oauth2/token"}}
    """
        .formatted(
            System.nanoTime(),
            sandboxBase,
            SandboxOptions.DEFAULT_CLIENT_ID,
            SandboxOptions.DEFAULT_CLIENT_SECRET,
            limit,
            sandboxBase);
  }

  /** The system tests' UNIT ↔ Equipment mapping: the key inbound, the names both ways. */
  private static String mappingJson() {
    return """
    {"tgmEntityType": "UNIT", "erpEntityName": "Equipment", "syncEnabled": true,
     "syncDirection": "BIDIRECTIONAL", "conflictResolution": "ERP_WINS", "batchSize": 100,
     "deltaField": "LastChangeDateTime",
     "fieldMappings": [
      {"tgmField": "serialNumber", "erpField": "Equipment", "fieldType": "STRING",
       "syncDirection": "INBOUND", "isKeyField": true},
      {"tgmField": "name", "erpField": "EquipmentName", "fieldType": "STRING",
       "syncDirection": "BIDIRECTIONAL", "required": true},
      {"tgmField": "manufacturer", "erpField": "ManufacturerName", "fieldType": "STRING",
       "syncDirection": "BIDIRECTIONAL"}]}
    """;
  }
}
