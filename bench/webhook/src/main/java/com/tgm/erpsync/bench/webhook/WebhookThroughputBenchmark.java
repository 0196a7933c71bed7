package com.tgm.erpsync.bench.webhook;

import com.tgm.erpsync.bench.support.BenchOptions;
import com.tgm.erpsync.bench.support.Snapshots;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.SealedSecrets;
import com.tgm.erpsync.testsupport.ServiceProcess;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Webhook gateway throughput: the packaged webhook-gateway in its own JVM, an S/4HANA connection
 * with webhooks on published to erp.connections, and this process sending signed business events
 * (structured CloudEvents, each with an id of its own, {@code X-Webhook-Signature} over the body)
 * over loopback at a steady rate, open loop: each request's latency is counted from the moment it
 * was due, so a gateway that falls behind shows it. A request counts as verified when it was
 * answered 200 with one event accepted; at the end erp.changes must hold exactly one record per
 * verified request, or the program fails.
 */
public final class WebhookThroughputBenchmark {
  private static final Duration STARTUP = Duration.ofMinutes(2);
  private static final String SECRET = "bench-webhook-secret-0123456789abcdef";

  private final Settings settings;
  private final KafkaEndpoint kafka;

  record Settings(int rate, int seconds, int warmUp, int connections, String gatewayJvm) {}

  private WebhookThroughputBenchmark(Settings settings, KafkaEndpoint kafka) {
    this.settings = settings;
    this.kafka = kafka;
  }

  public static void main(String[] args) {
    int status = 1;
    try {
      run(args);
      status = 0;
    } catch (Exception e) {
      e.printStackTrace();
    } finally {
      System.exit(status);
    }
  }

  private static void run(String[] args) throws Exception {
    BenchOptions options =
        BenchOptions.parse(args, Set.of("rate", "seconds", "warm-up", "connections", "jvm"));
    Settings settings =
        new Settings(
            options.integer("rate", 5000),
            options.integer("seconds", 30),
            options.integer("warm-up", 10),
            options.integer("connections", 64),
            options.get("jvm", "-Xmx512m -XX:+UseParallelGC"));
    if (settings.rate() < 1 || settings.seconds() < 1 || settings.connections() < 1) {
      throw new IllegalArgumentException("--rate, --seconds and --connections are at least 1");
    }
    new WebhookThroughputBenchmark(settings, TestInfrastructure.kafka()).run();
  }

  private void run() throws Exception {
    long connectionId = 4_200_000_000L + System.currentTimeMillis() % 1_000_000;
    ConnectionSnapshot connection =
        Snapshots.sapConnection(connectionId)
            .name("Benchmark S/4HANA webhooks")
            .webhooks(
                SealedSecrets.seal(connectionId, ConnectionSnapshot.WEBHOOK_SECRET, SECRET),
                Map.of("webhookRateLimit", 1_000_000))
            .build();
    Snapshots.publish(kafka, connection);

    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("TGM_CREDENTIALS_KEYS", SealedSecrets.KEYS);
    Path target =
        Files.createDirectories(ServiceProcess.repositoryRoot().resolve("bench/webhook/target"));
    List<String> jvm = Arrays.asList(settings.gatewayJvm().trim().split("\\s+"));
    try (ServiceProcess gateway = ServiceProcess.start("webhook-gateway", env, jvm, target)) {
      gateway.awaitReady(STARTUP);
      URI base = URI.create("http://127.0.0.1:" + gateway.port());
      awaitKnown(base, connectionId);
      long before = endOffsets();
      Result result = load(gateway.port(), connectionId);
      long published = awaitPublished(before, result.verified());
      report(result, published, serverSide(base, connectionId));
      if (published != result.verified()) {
        throw new IllegalStateException(
            "erp.changes got "
                + published
                + " records for "
                + result.verified()
                + " verified requests");
      }
      System.out.println("gateway JVM options: " + settings.gatewayJvm());
      System.out.println("gateway log: " + gateway.log());
    }
  }

  // ---------------------------------------------------------------- load

  /**
   * @param verifiedMeasured measured requests answered 200 with one event accepted
   * @param measuredSeconds from the first measured request's due time to the last answer
   */
  record Result(
      long sent,
      long verified,
      long verifiedMeasured,
      Map<String, Long> failures,
      long[] latenciesNanos,
      double measuredSeconds) {}

  private Result load(int port, long connectionId) throws Exception {
    Vertx vertx = Vertx.vertx();
    HttpClient client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(port)
                .setKeepAlive(true)
                .setTcpNoDelay(true),
            new PoolOptions().setHttp1MaxSize(settings.connections()));
    try {
      String path = "/api/webhooks/erp/sap/" + connectionId;
      // warm-up at the same rate, every answer awaited: its backlog, if any, is not measured
      Phase warmUp = new Phase((long) settings.rate() * settings.warmUp());
      warmUp.run(client, path, connectionId, 0);
      Phase measured = new Phase((long) settings.rate() * settings.seconds());
      measured.run(client, path, connectionId, warmUp.count);
      Map<String, Long> failures = new java.util.TreeMap<>(warmUp.failures);
      measured.failures.forEach((kind, n) -> failures.merge(kind, n, Long::sum));
      return new Result(
          warmUp.count + measured.count,
          warmUp.verified.get() + measured.verified.get(),
          measured.verified.get(),
          failures,
          measured.latencies,
          (measured.lastAnswer.get() - measured.start) / 1e9);
    } finally {
      client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** {@code count} requests at the benchmark's rate, open loop; returns once all are answered. */
  private final class Phase {
    final long count;
    final long[] latencies;
    final Map<String, Long> failures = new ConcurrentHashMap<>();
    final AtomicLong verified = new AtomicLong();
    final AtomicLong lastAnswer = new AtomicLong();
    long start;

    Phase(long count) {
      this.count = count;
      this.latencies = new long[(int) count];
    }

    void run(HttpClient client, String path, long connectionId, long firstSequence)
        throws Exception {
      Semaphore inFlight = new Semaphore(settings.connections() * 4);
      CountDownLatch answered = new CountDownLatch((int) count);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      long period = TimeUnit.SECONDS.toNanos(1) / settings.rate();
      start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
      for (int i = 0; i < count; i++) {
        long due = start + i * period;
        long wait = due - System.nanoTime();
        if (wait > 20_000) {
          LockSupport.parkNanos(wait);
        }
        inFlight.acquire();
        byte[] body = event(connectionId, firstSequence + i);
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        int index = i;
        client
            .request(HttpMethod.POST, path)
            .compose(
                request ->
                    request
                        .putHeader("Content-Type", "application/cloudevents+json")
                        .putHeader("X-Webhook-Signature", signature)
                        .send(Buffer.buffer(body))
                        .compose(
                            response ->
                                response
                                    .body()
                                    .map(
                                        answer ->
                                            response.statusCode() == 200
                                                    && answer.toString().contains("\"accepted\":1")
                                                ? "ok"
                                                : "HTTP " + response.statusCode())))
            .onComplete(
                outcome -> {
                  long now = System.nanoTime();
                  String verdict =
                      outcome.succeeded() ? outcome.result() : outcome.cause().getClass().getName();
                  lastAnswer.accumulateAndGet(now, Math::max);
                  if (verdict.equals("ok")) {
                    verified.incrementAndGet();
                  } else {
                    failures.merge(verdict, 1L, Long::sum);
                  }
                  latencies[index] = now - due;
                  inFlight.release();
                  answered.countDown();
                });
      }
      if (!answered.await(2, TimeUnit.MINUTES)) {
        throw new IllegalStateException("requests still unanswered two minutes after the last");
      }
    }
  }

  private static byte[] event(long connectionId, long sequence) {
    String equipment = Long.toString(10_000_000 + sequence % 1_000_000);
    return ("{\"specversion\":\"1.0\",\"type\":\"sap.s4.beh.equipment.v1.Equipment.Changed.v1\","
            + "\"source\":\"/default/sap.s4.beh/BNCCLNT100\",\"subject\":\""
            + equipment
            + "\",\"id\":\"bench-"
            + connectionId
            + "-"
            + sequence
            + "\",\"time\":\""
            + Instant.now()
            + "\",\"datacontenttype\":\"application/json\",\"data\":{\"Equipment\":\""
            + equipment
            + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- verification

  private static void awaitKnown(URI base, long connectionId) throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (true) {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(base.resolve("/api/webhooks/erp/sap/" + connectionId))
                  .header("Content-Type", "application/json")
                  .header("X-Webhook-Secret", "not-the-secret")
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() == 401) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the gateway never learnt of the connection: " + answer);
      }
      Thread.sleep(200);
    }
  }

  private long endOffsets() {
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.ERP_CHANGES, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** Records added to erp.changes since {@code before}, once they stop growing. */
  private long awaitPublished(long before, long expected) throws InterruptedException {
    long seen = -1;
    for (int quiet = 0; quiet < 3; ) {
      long now = endOffsets() - before;
      quiet = now == seen ? quiet + 1 : 0;
      seen = now;
      Thread.sleep(500);
    }
    return seen;
  }

  /** The gateway's own view: its p50 and p99 of accepted requests, from /q/metrics. */
  private static String serverSide(URI base, long connectionId) throws Exception {
    String metrics =
        java.net.http.HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(base.resolve("/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    StringBuilder found = new StringBuilder();
    Pattern line =
        Pattern.compile(
            "tgm_webhook_requests_latency_seconds\\{connection=\""
                + connectionId
                + "\",outcome=\"accepted\",quantile=\"([0-9.]+)\"[^}]*} ([0-9.Ee+-]+)");
    Matcher matcher = line.matcher(metrics);
    while (matcher.find()) {
      found.append(
          String.format(
              Locale.ROOT,
              " p%s %.2f ms",
              matcher.group(1).equals("0.5") ? "50" : "99",
              Double.parseDouble(matcher.group(2)) * 1000));
    }
    return found.length() == 0 ? " (not reported)" : found.toString();
  }

  private void report(Result result, long published, String serverSide) {
    long[] sorted = result.latenciesNanos().clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "offered %,d requests/s for %d s after %d s of warm-up (answered before measuring),"
            + " %d connections;%n"
            + "verified %,d of %,d requests (%,.0f verified requests/s over the measured %.1f s);"
            + " failures %s; erp.changes +%,d records%n"
            + "latency from due time: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms,"
            + " max %.2f ms%n"
            + "gateway's own latency (accepted):%s%n",
        settings.rate(),
        settings.seconds(),
        settings.warmUp(),
        settings.connections(),
        result.verified(),
        result.sent(),
        result.verifiedMeasured() / result.measuredSeconds(),
        result.measuredSeconds(),
        result.failures(),
        published,
        millis(sorted, 0.50),
        millis(sorted, 0.90),
        millis(sorted, 0.99),
        millis(sorted, 0.999),
        sorted[sorted.length - 1] / 1e6,
        serverSide);
  }

  private static double millis(long[] sorted, double quantile) {
    int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }
}
