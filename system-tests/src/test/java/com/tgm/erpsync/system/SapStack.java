package com.tgm.erpsync.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.sandbox.core.SapSandbox;
import com.tgm.erpsync.sandbox.core.journal.JournalEntry;
import com.tgm.erpsync.sandbox.core.journal.JournalFilter;
import com.tgm.erpsync.testsupport.AdminTokens;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.ServiceProcess;
import com.tgm.erpsync.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The services a sync with SAP runs through, each packaged in its own JVM on one database and
 * broker: mapping-service, sync-orchestrator, connector-sap and connection-service (the admin API
 * of the guide), and in realtime also webhook-gateway (where SAP's business events arrive). Speaks
 * to the admin API as an admin, and can kill and restart the connector.
 */
final class SapStack implements AutoCloseable {
  static final Duration STARTUP = Duration.ofSeconds(120);

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> env;
  private final List<String> connectorJvm;
  private final TestDatabase database;
  private final String token;
  private final List<ServiceProcess> services = new ArrayList<>();
  private ServiceProcess connector;
  private String edge;
  private String gateway;
  private boolean withGateway;
  private int orchestratorReplicas = 1;
  private final List<ServiceProcess> orchestrators = new ArrayList<>();
  private String slot;

  private SapStack(
      Map<String, String> env, List<String> connectorJvm, TestDatabase database, String admin) {
    this.env = env;
    this.connectorJvm = connectorJvm;
    this.database = database;
    this.token = AdminTokens.admin(admin);
  }

  /** Starts the four services and waits until each is ready. */
  static SapStack start(KafkaEndpoint kafka, TestDatabase database, String admin) {
    return start(kafka, database, admin, List.of());
  }

  /**
   * Starts the four services, connector-sap with extra system properties ({@code -Dname=value}).
   */
  static SapStack start(
      KafkaEndpoint kafka, TestDatabase database, String admin, List<String> connectorOptions) {
    List<String> connectorJvm = new ArrayList<>(ServiceProcess.DEFAULT_JVM_OPTIONS);
    connectorJvm.addAll(connectorOptions);
    SapStack stack = new SapStack(environment(kafka, database), connectorJvm, database, admin);
    try {
      stack.startServices();
    } catch (RuntimeException | Error e) {
      stack.close();
      throw e;
    }
    return stack;
  }

  /**
   * Starts the services with change capture of the TGM tables on: {@code orchestrators} replicas of
   * sync-orchestrator (one captures, the others stand by), capturing through a replication slot of
   * the stack's own (dropped on close), and webhook-gateway, which turns business events into
   * erp.changes. The admin API speaks to the last replica.
   */
  static SapStack startRealtime(
      KafkaEndpoint kafka, TestDatabase database, String admin, int orchestrators) {
    Map<String, String> env = environment(kafka, database);
    String slot = "tgm_erp_sync_it_" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    env.put("ORCHESTRATOR_CAPTURE_ENABLED", "true");
    env.put("ORCHESTRATOR_CAPTURE_SLOT", slot);
    env.put("ORCHESTRATOR_CAPTURE_PUBLICATION", slot);
    env.put("ORCHESTRATOR_CAPTURE_ELECTION_INTERVAL", "2s");
    SapStack stack =
        new SapStack(env, new ArrayList<>(ServiceProcess.DEFAULT_JVM_OPTIONS), database, admin);
    stack.orchestratorReplicas = orchestrators;
    stack.slot = slot;
    stack.withGateway = true;
    try {
      stack.startServices();
    } catch (RuntimeException | Error e) {
      stack.close();
      throw e;
    }
    return stack;
  }

  private void startServices() {
    ServiceProcess mapping = ServiceProcess.start("mapping-service", env);
    services.add(mapping);
    ServiceProcess orchestrator = null;
    for (int i = 0; i < orchestratorReplicas; i++) {
      orchestrator = ServiceProcess.start("sync-orchestrator", env);
      services.add(orchestrator);
      orchestrators.add(orchestrator);
      if (orchestratorReplicas > 1) {
        // the first replica takes the capture lead before the next one looks
        orchestrator.awaitReady(STARTUP);
      }
    }
    connector = startConnectorProcess();
    services.add(connector);
    ServiceProcess webhooks = null;
    if (withGateway) {
      webhooks = ServiceProcess.start("webhook-gateway", env);
      services.add(webhooks);
    }
    for (ServiceProcess service : List.copyOf(services)) {
      service.awaitReady(STARTUP);
    }
    Map<String, String> edgeEnv = new HashMap<>(env);
    edgeEnv.put("MAPPING_SERVICE_URL", "http://localhost:" + mapping.port());
    edgeEnv.put("SYNC_ORCHESTRATOR_URL", "http://localhost:" + orchestrator.port());
    if (webhooks != null) {
      // the guide's webhook URLs on the admin API's host, relayed to the gateway
      edgeEnv.put("WEBHOOK_GATEWAY_URL", "http://localhost:" + webhooks.port());
    }
    ServiceProcess connectionService = ServiceProcess.start("connection-service", edgeEnv);
    services.add(connectionService);
    connectionService.awaitReady(STARTUP);
    edge = "http://localhost:" + connectionService.port();
    if (webhooks != null) {
      gateway = "http://localhost:" + webhooks.port();
    }
    separateIds();
  }

  /**
   * Connection, mapping and job ids start at a random point: test classes in one JVM share the
   * broker, and a stack must not take another stack's snapshots, commands or results for its own.
   */
  private void separateIds() {
    long start = ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000_000L);
    try {
      for (String table :
          List.of("connection.erp_connection", "mapping.entity_mapping", "orchestrator.sync_job")) {
        count("SELECT setval(pg_get_serial_sequence(?, 'id'), ?)", table, start);
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot move the id sequences", e);
    }
  }

  /** The environment every service shares, with a fresh key for the credential vault. */
  private static Map<String, String> environment(KafkaEndpoint kafka, TestDatabase database) {
    Map<String, String> env = CrossServiceMessagingIT.env(kafka, database);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    env.put("TGM_CREDENTIALS_KEYS", "e2e-1:" + Base64.getEncoder().encodeToString(key));
    env.put("TGM_CREDENTIALS_CURRENT_KEY", "e2e-1");
    return env;
  }

  /** The admin API's base URL (connection-service). */
  String edge() {
    return edge;
  }

  /** webhook-gateway's base URL; only a realtime stack runs it. */
  String gateway() {
    if (gateway == null) {
      throw new IllegalStateException("webhook-gateway runs in a realtime stack only");
    }
    return gateway;
  }

  /** The admin JWT the stack's calls carry. */
  String token() {
    return token;
  }

  /** The sync-orchestrator replicas, in start order. */
  List<ServiceProcess> orchestrators() {
    return List.copyOf(orchestrators);
  }

  /** SIGKILL of a sync-orchestrator replica: its sessions, lock and slot are left to die. */
  void killOrchestrator(ServiceProcess orchestrator) {
    ProcessHandle.of(orchestrator.pid()).ifPresent(ProcessHandle::destroyForcibly);
    await("sync-orchestrator gone")
        .atMost(Duration.ofSeconds(10))
        .until(() -> ProcessHandle.of(orchestrator.pid()).map(p -> !p.isAlive()).orElse(true));
  }

  /** The running connector-sap process. */
  ServiceProcess connector() {
    return connector;
  }

  /** SIGKILL of connector-sap: no shutdown hook, no offset commit, in-flight work is lost. */
  void killConnector() {
    ServiceProcess dead = connector;
    ProcessHandle.of(dead.pid()).ifPresent(ProcessHandle::destroyForcibly);
    await("connector-sap gone")
        .atMost(Duration.ofSeconds(10))
        .until(() -> ProcessHandle.of(dead.pid()).map(p -> !p.isAlive()).orElse(true));
  }

  /** Starts connector-sap again, on the same broker and database, and waits until it is ready. */
  void startConnector() {
    connector = startConnectorProcess();
    services.add(connector);
    connector.awaitReady(STARTUP);
  }

  private ServiceProcess startConnectorProcess() {
    return ServiceProcess.start(
        "connector-sap",
        env,
        connectorJvm,
        ServiceProcess.repositoryRoot().resolve("system-tests/target"));
  }

  /** Creates a connection through the admin API and answers its id. */
  long createConnection(String json) throws Exception {
    HttpResponse<String> created = send("POST", "/api/admin/erp/connections", json);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).path("id").asLong();
  }

  /**
   * The connection's webhook secret as the admin API reveals it: connectionId, webhookUrl,
   * webhookSecret, secretHeader and signatureHeader.
   */
  JsonNode webhookSecret(long connectionId) throws Exception {
    HttpResponse<String> answer =
        send("GET", "/api/admin/erp/connections/" + connectionId + "/webhook-secret", null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  /**
   * The sum of a counter (e.g. {@code tgm_webhook_events_accepted_total}) over the series of one
   * connection, as webhook-gateway's Prometheus endpoint shows it now; 0 when it has none.
   */
  double gatewayCounter(String name, long connectionId) throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(gateway() + "/q/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    String label = "connection=\"" + connectionId + "\"";
    double sum = 0;
    for (String line : answer.body().split("\n")) {
      if (line.startsWith(name + "{") && line.substring(0, line.indexOf('}')).contains(label)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /** Tests a connection through the admin API; the answer has status and message. */
  JsonNode testConnection(long connectionId) throws Exception {
    HttpResponse<String> response =
        send("POST", "/api/admin/erp/connections/" + connectionId + "/test", null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** Adds an entity mapping to a connection. */
  void createMapping(long connectionId, String json) throws Exception {
    HttpResponse<String> mapping =
        send("POST", "/api/admin/erp/connections/" + connectionId + "/mappings", json);
    assertThat(mapping.statusCode()).as(mapping.body()).isEqualTo(201);
  }

  /** Starts a sync ({@code full} or {@code incremental}) and answers the job id. */
  long startSync(long connectionId, String kind) throws Exception {
    HttpResponse<String> started =
        send("POST", "/api/admin/erp/connections/" + connectionId + "/sync/" + kind, null);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    return JSON.readTree(started.body()).path("id").asLong();
  }

  /** Runs a sync to its end and answers the job's detail. */
  JsonNode runSync(long connectionId, String kind) throws Exception {
    return awaitJob(startSync(connectionId, kind), Duration.ofMinutes(5));
  }

  /**
   * Waits until the job has left PENDING and RUNNING; answers its detail (the job with its
   * errorLogs, which say why should an assertion fail).
   */
  JsonNode awaitJob(long jobId, Duration atMost) throws Exception {
    await("sync job " + jobId)
        .atMost(atMost)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              String status = job(jobId).path("status").asText();
              return !status.equals("RUNNING") && !status.equals("PENDING");
            });
    return JSON.readTree(send("GET", "/api/admin/erp/sync-jobs/" + jobId + "/detail", null).body());
  }

  /** The job as the admin API shows it now. */
  JsonNode job(long jobId) throws Exception {
    return JSON.readTree(send("GET", "/api/admin/erp/sync-jobs/" + jobId, null).body());
  }

  /** A call to the admin API as the stack's admin. */
  HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(edge + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The single number a query answers. */
  long count(String sql, Object... args) throws Exception {
    try (Connection connection = database.connect();
        PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        select.setObject(i + 1, args[i]);
      }
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  /** The first column of every row a query answers, as text. */
  List<String> strings(String sql, Object... args) throws Exception {
    List<String> values = new ArrayList<>();
    try (Connection connection = database.connect();
        PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        select.setObject(i + 1, args[i]);
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          values.add(rows.getString(1));
        }
      }
    }
    return values;
  }

  /** Runs one statement against the shared database. */
  void update(String sql, Object... args) throws Exception {
    try (Connection connection = database.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      statement.executeUpdate();
    }
  }

  /**
   * Successful writes (2xx PATCH, MERGE or PUT, {@code $batch} operations included) per entity, by
   * its last path segment ({@code Equipment(...)}, the same inside and outside a {@code $batch}):
   * what the ERP applied. A write answered 412 or 5xx changed nothing and is not counted.
   */
  static Map<String, Integer> appliedWritesByPath(SapSandbox sandbox) {
    Map<String, Integer> writes = new TreeMap<>();
    for (JournalEntry entry : sandbox.journal().find(JournalFilter.all())) {
      boolean write =
          entry.method().equalsIgnoreCase("PATCH")
              || entry.method().equalsIgnoreCase("MERGE")
              || entry.method().equalsIgnoreCase("PUT");
      if (write && entry.status() >= 200 && entry.status() < 300) {
        writes.merge(entity(entry.path()), 1, Integer::sum);
      }
    }
    return writes;
  }

  /** The entity a path addresses: its last segment, {@code EntitySet(key)}. */
  static String entity(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  @Override
  public void close() {
    for (ServiceProcess service : services) {
      try {
        service.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (slot != null) {
      // an abandoned slot would hold the cluster's WAL for good
      try {
        await("replication slot " + slot + " released")
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    count(
                            "SELECT count(*) FROM pg_replication_slots WHERE slot_name = ?"
                                + " AND active",
                            slot)
                        == 0);
        count(
            "SELECT count(pg_drop_replication_slot(slot_name)) FROM pg_replication_slots"
                + " WHERE slot_name = ?",
            slot);
      } catch (Exception e) {
        throw new IllegalStateException("cannot drop replication slot " + slot, e);
      }
    }
  }
}
