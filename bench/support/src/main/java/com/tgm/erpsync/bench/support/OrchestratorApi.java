package com.tgm.erpsync.bench.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.testsupport.AdminTokens;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.ServiceProcess;
import com.tgm.erpsync.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The packaged sync-orchestrator's admin API, called as an admin: start syncs, follow jobs. Built
 * on connection-service's process instead, it speaks through the edge, which serves the same paths
 * (and forwards those of syncs and jobs to the orchestrator).
 */
public final class OrchestratorApi {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServiceProcess orchestrator;

  public OrchestratorApi(ServiceProcess orchestrator) {
    this.orchestrator = orchestrator;
  }

  /** What a packaged service needs to reach the broker, the database and verify admin tokens. */
  public static Map<String, String> environment(KafkaEndpoint kafka, TestDatabase database) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("TGM_JWT_PUBLIC_KEY", AdminTokens.publicKeyPem().toString());
    env.put("TGM_JWT_ISSUER", AdminTokens.ISSUER);
    env.put("TGM_DB_URL", database.jdbcUrl());
    env.put("TGM_DB_USER", database.user());
    env.put("TGM_DB_PASSWORD", database.password());
    // bulk syncs alone: a benchmark that measures realtime turns change capture on itself
    env.put("ORCHESTRATOR_CAPTURE_ENABLED", "false");
    return env;
  }

  /**
   * Starts a {@code full} or {@code incremental} sync and returns the job's id, asking again for up
   * to a minute while the orchestrator has not read the connection yet.
   */
  public long startSync(long connectionId, String kind) throws Exception {
    String path = "/api/admin/erp/connections/" + connectionId + "/sync/" + kind;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      HttpResponse<String> response =
          HTTP.send(
              request(path).POST(HttpRequest.BodyPublishers.noBody()).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 201) {
        return JSON.readTree(response.body()).path("id").asLong();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(kind + " sync not started: " + response.body());
      }
      Thread.sleep(250);
    }
  }

  /** Polls the job every 200 ms until it is neither PENDING nor RUNNING; returns its last view. */
  public JsonNode awaitEnd(long jobId, Duration timeout) throws Exception {
    return awaitEnd(jobId, timeout, timeout);
  }

  /**
   * As {@link #awaitEnd(long, Duration)}, and fails with {@link Stalled} once the job's
   * processedRecords has not moved for {@code stall}.
   */
  public JsonNode awaitEnd(long jobId, Duration timeout, Duration stall) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    long processed = -1;
    long movedAt = System.nanoTime();
    while (true) {
      JsonNode job = JSON.readTree(get("/api/admin/erp/sync-jobs/" + jobId).body());
      String status = job.path("status").asText();
      if (!"RUNNING".equals(status) && !"PENDING".equals(status)) {
        return job;
      }
      long now = System.nanoTime();
      if (job.path("processedRecords").asLong() != processed) {
        processed = job.path("processedRecords").asLong();
        movedAt = now;
      }
      if (now > deadline || now - movedAt > stall.toNanos()) {
        throw new Stalled(job);
      }
      Thread.sleep(200);
    }
  }

  /** A job that did not end in time, or made no progress for too long. */
  public static final class Stalled extends IllegalStateException {
    private final transient JsonNode job;

    Stalled(JsonNode job) {
      super(
          "job "
              + job.path("id").asLong()
              + " still "
              + job.path("status").asText()
              + " ("
              + job.path("processedRecords").asLong()
              + " of "
              + job.path("totalRecords").asLong()
              + " processed): "
              + job);
      this.job = job;
    }

    public JsonNode job() {
      return job;
    }
  }

  /** The job with its error log (the first page), to say why a run is not exact. */
  public JsonNode detail(long jobId) throws Exception {
    return JSON.readTree(get("/api/admin/erp/sync-jobs/" + jobId + "/detail").body());
  }

  /** Cancels a PENDING or RUNNING job; returns the HTTP status. */
  public int cancel(long jobId) throws Exception {
    return HTTP.send(
            request("/api/admin/erp/sync-jobs/" + jobId + "/cancel")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  /** Posts {@code json} to an admin path, e.g. a connection or a mapping to create. */
  public HttpResponse<String> post(String path, String json) throws Exception {
    return HTTP.send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + orchestrator.port() + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + AdminTokens.admin("bench"));
  }
}
