package com.tgm.erpsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.change.ErpChangeNotification;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.contracts.snapshot.EncryptedSecret;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.SealedSecrets;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TestProducer;
import com.tgm.erpsync.testsupport.TopicProbe;
import com.tgm.erpsync.webhook.ingest.Credentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the gateway tests share: connections published on the real erp.connections topic (secrets
 * sealed as the vault seals them), requests over real HTTP, and a probe on the real erp.changes.
 */
final class Gateway implements AutoCloseable {
  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  static final Duration WAIT = Duration.ofSeconds(30);

  private final KafkaEndpoint kafka = TestInfrastructure.kafka();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final TestProducer producer = new TestProducer(kafka);
  private final TopicProbe changes = TopicProbe.open(kafka, Topics.ERP_CHANGES);
  private final URI base;

  Gateway(URI base) {
    this.base = base;
  }

  /** A new connection id, far from other tests' ids. */
  static long newId() {
    return ThreadLocalRandom.current().nextLong(10_000_000, 9_000_000_000L);
  }

  static String newSecret() {
    return "whsec-" + UUID.randomUUID();
  }

  /**
   * Publishes the connection on erp.connections; {@link #awaitKnown} waits until the gateway has
   * it.
   */
  void connection(ConnectionSnapshot snapshot) {
    producer.send(Topics.CONNECTIONS, Long.toString(snapshot.id()), write(snapshot));
  }

  void deleteConnection(long id) {
    producer.send(Topics.CONNECTIONS, Long.toString(id), null);
  }

  static ConnectionSnapshot snapshot(
      long id,
      ErpType type,
      boolean enabled,
      boolean webhooks,
      String secret,
      Map<String, Object> settings) {
    Map<String, EncryptedSecret> secrets =
        secret == null
            ? Map.of()
            : Map.of(
                ConnectionSnapshot.WEBHOOK_SECRET,
                SealedSecrets.seal(id, ConnectionSnapshot.WEBHOOK_SECRET, secret));
    return new ConnectionSnapshot(
        MessageMeta.create(UUID.randomUUID().toString()),
        id,
        "Connection " + id,
        "webhook tests",
        type,
        type.allowedAuthTypes().iterator().next(),
        "https://erp.example.com",
        enabled,
        true,
        SyncDirection.BIDIRECTIONAL,
        60,
        webhooks,
        "client",
        "user",
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
        30,
        100,
        60,
        4,
        1L,
        Instant.now());
  }

  static ConnectionSnapshot webhookConnection(long id, ErpType type, String secret) {
    return snapshot(id, type, true, true, secret, Map.of());
  }

  HttpResponse<String> post(String path, String contentType, byte[] body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(WAIT)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String json, String... headers)
      throws IOException, InterruptedException {
    return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path)).timeout(WAIT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Posts until the gateway knows the connection (it reads erp.connections asynchronously). */
  void awaitKnown(long id, String secret) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      HttpResponse<String> answer =
          post("/api/webhooks/erp/" + id, "{}", "X-Webhook-Secret", secret + "-probe");
      boolean unknown = answer.statusCode() == 404 && answer.body().contains("unknown-connection");
      boolean loading = answer.statusCode() == 503 && answer.body().contains("not-ready");
      if (!unknown && !loading) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the gateway never learnt of connection " + id);
      }
      Thread.sleep(100);
    }
  }

  static String signature(String secret, String timestamp, byte[] body) {
    return Credentials.sign(secret.getBytes(StandardCharsets.UTF_8), timestamp, body);
  }

  /** The notifications published for these connections, waiting until there are {@code count}. */
  List<ErpChangeNotification> awaitNotifications(long connectionId, int count) {
    return changes.awaitCount(forConnection(Set.of(connectionId)), count, WAIT).stream()
        .map(Gateway::read)
        .toList();
  }

  /** Everything published for these connections after a quiet period: for "exactly" checks. */
  List<ErpChangeNotification> published(Set<Long> connectionIds, Duration quiet) {
    return changes.drain(forConnection(connectionIds), quiet).stream().map(Gateway::read).toList();
  }

  static void assertProblem(HttpResponse<String> answer, int status, String reason, String field)
      throws IOException {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(answer.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(answer.body());
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("reason").asText()).isEqualTo(reason);
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("detail").asText()).isNotBlank();
    if (field != null) {
      assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo(field);
    }
  }

  private static java.util.function.Predicate<ConsumerRecord<String, String>> forConnection(
      Set<Long> ids) {
    Set<String> keys = new java.util.HashSet<>();
    ids.forEach(id -> keys.add(Long.toString(id)));
    return record -> keys.contains(record.key());
  }

  private static ErpChangeNotification read(ConsumerRecord<String, String> record) {
    try {
      return JSON.readValue(record.value(), ErpChangeNotification.class);
    } catch (IOException e) {
      throw new AssertionError("unreadable notification: " + record.value(), e);
    }
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> settings(Object... pairs) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  @Override
  public void close() {
    changes.close();
    producer.close();
  }
}
