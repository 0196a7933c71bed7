package com.tgm.erpsync.webhook;

import static com.tgm.erpsync.webhook.Gateway.assertProblem;
import static com.tgm.erpsync.webhook.Gateway.newId;
import static com.tgm.erpsync.webhook.Gateway.newSecret;
import static com.tgm.erpsync.webhook.Gateway.signature;
import static com.tgm.erpsync.webhook.Gateway.snapshot;
import static com.tgm.erpsync.webhook.Gateway.webhookConnection;
import static org.assertj.core.api.Assertions.assertThat;

import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import com.tgm.erpsync.webhook.connection.WebhookConnections;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every way a webhook is refused, over real HTTP: the status, the problem+json body naming the
 * reason and the field at fault, and — checked at the end on the real erp.changes topic — that none
 * of them published anything.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class,
    initArgs = @ResourceArg(name = "database", value = "false"))
class WebhookRejectionTest {
  private static final String EVENT =
      """
      {"entity":"customer","key":{"internalId":"42"},"changeType":"UPDATED","eventId":"e-1"}\
      """;

  @TestHTTPResource("/")
  URI base;

  private Gateway gateway;
  private final Set<Long> used = new HashSet<>();
  private final long sap = newId();
  private final String secret = newSecret();

  @BeforeAll
  void connections() throws Exception {
    gateway = new Gateway(base);
    gateway.connection(webhookConnection(sap, ErpType.SAP_S4HANA, secret));
    gateway.awaitKnown(sap, secret);
    used.add(sap);
  }

  @AfterAll
  void nothingWasPublished() {
    try {
      assertThat(gateway.published(used, Duration.ofSeconds(3))).isEmpty();
    } finally {
      gateway.close();
    }
  }

  @Test
  void wrongSecret() throws Exception {
    assertProblem(
        gateway.post(path(sap), EVENT, "X-Webhook-Secret", secret + "x"),
        401,
        "wrong-secret",
        "X-Webhook-Secret");
  }

  @Test
  void rejectionsAreLoggedAndCountedWithTheirReasonButNeverTheSecret() throws Exception {
    String presented = "presented-" + java.util.UUID.randomUUID();
    byte[] body = EVENT.getBytes(StandardCharsets.UTF_8);
    String forged = signature(presented, null, body);
    assertProblem(
        gateway.post(path(sap), EVENT, "X-Webhook-Secret", presented),
        401,
        "wrong-secret",
        "X-Webhook-Secret");
    assertProblem(
        gateway.post(path(sap), "application/json", body, "X-Webhook-Signature", forged),
        401,
        "bad-signature",
        "X-Webhook-Signature");

    String log =
        java.nio.file.Files.readString(java.nio.file.Path.of("target/logs/webhook-gateway.log"));
    assertThat(log)
        .contains("Webhook for connection " + sap + " rejected (wrong-secret)")
        .contains("Webhook for connection " + sap + " rejected (bad-signature)")
        .doesNotContain(presented)
        .doesNotContain(forged.substring(7))
        .doesNotContain(secret);
    String metrics = gateway.get("/q/metrics").body();
    assertThat(metrics)
        .containsPattern(
            "tgm_webhook_requests_rejected_total\\{connection=\""
                + sap
                + "\",reason=\"wrong-secret\"} [1-9]")
        .containsPattern(
            "tgm_webhook_requests_rejected_total\\{connection=\""
                + sap
                + "\",reason=\"bad-signature\"} [1-9]")
        .containsPattern(
            "tgm_webhook_requests_latency_seconds_count\\{connection=\""
                + sap
                + "\",outcome=\"rejected\"} [1-9]");
  }

  @Test
  void noCredentialsAtAll() throws Exception {
    assertProblem(gateway.post(path(sap), EVENT), 401, "missing-credentials", "X-Webhook-Secret");
  }

  @Test
  void signatureUnderAnotherSecret() throws Exception {
    byte[] body = EVENT.getBytes(StandardCharsets.UTF_8);
    assertProblem(
        gateway.post(
            path(sap),
            "application/json",
            body,
            "X-Webhook-Signature",
            signature("not-the-secret", null, body)),
        401,
        "bad-signature",
        "X-Webhook-Signature");
  }

  @Test
  void signatureOfAnotherBody() throws Exception {
    byte[] body = EVENT.getBytes(StandardCharsets.UTF_8);
    byte[] tampered = EVENT.replace("42", "43").getBytes(StandardCharsets.UTF_8);
    assertProblem(
        gateway.post(
            path(sap),
            "application/json",
            tampered,
            "X-Webhook-Signature",
            signature(secret, null, body)),
        401,
        "bad-signature",
        "X-Webhook-Signature");
  }

  @Test
  void rightSecretButBadSignature() throws Exception {
    assertProblem(
        gateway.post(
            path(sap), EVENT, "X-Webhook-Secret", secret, "X-Webhook-Signature", "sha256=00"),
        401,
        "bad-signature",
        "X-Webhook-Signature");
  }

  @Test
  void signatureWithoutTheTimestampItWasMadeWith() throws Exception {
    byte[] body = EVENT.getBytes(StandardCharsets.UTF_8);
    String now = Long.toString(Instant.now().getEpochSecond());
    assertProblem(
        gateway.post(
            path(sap),
            "application/json",
            body,
            "X-Webhook-Signature",
            signature(secret, null, body),
            "X-Webhook-Timestamp",
            now),
        401,
        "bad-signature",
        "X-Webhook-Signature");
  }

  @Test
  void staleTimestampEvenWhenCorrectlySigned() throws Exception {
    byte[] body = EVENT.getBytes(StandardCharsets.UTF_8);
    String old = Long.toString(Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond());
    assertProblem(
        gateway.post(
            path(sap),
            "application/json",
            body,
            "X-Webhook-Signature",
            signature(secret, old, body),
            "X-Webhook-Timestamp",
            old),
        401,
        "stale-timestamp",
        "X-Webhook-Timestamp");
    String future = Long.toString(Instant.now().plus(Duration.ofMinutes(6)).getEpochSecond());
    assertProblem(
        gateway.post(
            path(sap),
            "application/json",
            body,
            "X-Webhook-Signature",
            signature(secret, future, body),
            "X-Webhook-Timestamp",
            future),
        401,
        "stale-timestamp",
        "X-Webhook-Timestamp");
  }

  @Test
  void timestampThatIsNoNumber() throws Exception {
    assertProblem(
        gateway.post(
            path(sap), EVENT, "X-Webhook-Secret", secret, "X-Webhook-Timestamp", "yesterday"),
        401,
        "bad-timestamp",
        "X-Webhook-Timestamp");
  }

  @Test
  void oversizedBody() throws Exception {
    byte[] big = new byte[1024 * 1024 + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    big[big.length - 1] = '}';
    assertProblem(
        gateway.post(path(sap), "application/json", big, "X-Webhook-Secret", secret),
        413,
        "too-large",
        null);
  }

  @Test
  void oversizedBodySentInChunksWithoutALength() throws Exception {
    byte[] big = new byte[3 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '[';
    big[big.length - 1] = ']';
    java.net.http.HttpResponse<String> answer =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(base.resolve(path(sap)))
                    .header("Content-Type", "application/json")
                    .header("X-Webhook-Secret", secret)
                    .POST(
                        java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                            () -> new java.io.ByteArrayInputStream(big)))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertProblem(answer, 413, "too-large", null);
  }

  @Test
  void malformedJson() throws Exception {
    HttpResponse<String> answer =
        gateway.post(path(sap), "{\"entity\": \"customer\", ", "X-Webhook-Secret", secret);
    assertProblem(answer, 400, "malformed", null);
    assertThat(answer.body()).contains("not valid JSON");
    assertProblem(
        gateway.post(path(sap), "{} {}", "X-Webhook-Secret", secret), 400, "malformed", null);
    assertProblem(gateway.post(path(sap), "", "X-Webhook-Secret", secret), 400, "malformed", null);
  }

  @Test
  void jsonThatIsNoWebhookNamesTheFieldAtFault() throws Exception {
    assertProblem(
        gateway.post(
            "/api/webhooks/erp/" + sap,
            "{\"key\":{\"internalId\":\"42\"},\"changeType\":\"UPDATED\"}",
            "X-Webhook-Secret",
            secret),
        400,
        "malformed",
        "entity");
  }

  @Test
  void notJson() throws Exception {
    assertProblem(
        gateway.post(
            path(sap),
            "text/plain",
            EVENT.getBytes(StandardCharsets.UTF_8),
            "X-Webhook-Secret",
            secret),
        415,
        "unsupported-media-type",
        "Content-Type");
    assertProblem(
        gateway.post(
            path(sap), null, EVENT.getBytes(StandardCharsets.UTF_8), "X-Webhook-Secret", secret),
        415,
        "unsupported-media-type",
        "Content-Type");
  }

  @Test
  void unknownConnection() throws Exception {
    long nobody = newId();
    used.add(nobody);
    assertProblem(
        gateway.post(path(nobody), EVENT, "X-Webhook-Secret", secret),
        404,
        "unknown-connection",
        null);
    assertProblem(
        gateway.post("/api/webhooks/erp/sap/not-a-number", EVENT, "X-Webhook-Secret", secret),
        404,
        "unknown-connection",
        null);
  }

  @Test
  void deletedConnection() throws Exception {
    long id = newId();
    used.add(id);
    String own = newSecret();
    gateway.connection(webhookConnection(id, ErpType.SAP_S4HANA, own));
    gateway.awaitKnown(id, own);
    gateway.deleteConnection(id);
    awaitStatus(id, own + "-wrong", 404); // a wrong secret, so nothing is taken meanwhile
    assertProblem(
        gateway.post(path(id), EVENT, "X-Webhook-Secret", own), 404, "unknown-connection", null);
  }

  @Test
  void disabledConnection() throws Exception {
    long id = newId();
    used.add(id);
    String own = newSecret();
    gateway.connection(snapshot(id, ErpType.SAP_S4HANA, false, true, own, Map.of()));
    gateway.awaitKnown(id, own);
    assertProblem(
        gateway.post(path(id), EVENT, "X-Webhook-Secret", own), 403, "connection-disabled", null);
  }

  @Test
  void webhooksDisabled() throws Exception {
    long id = newId();
    used.add(id);
    String own = newSecret();
    gateway.connection(snapshot(id, ErpType.SAP_S4HANA, true, false, own, Map.of()));
    gateway.awaitKnown(id, own);
    assertProblem(
        gateway.post(path(id), EVENT, "X-Webhook-Secret", own), 403, "webhooks-disabled", null);
  }

  @Test
  void businessCentralNotificationWithAnotherClientState() throws Exception {
    long id = newId();
    used.add(id);
    String own = newSecret();
    gateway.connection(webhookConnection(id, ErpType.DYNAMICS_365_BC, own));
    gateway.awaitKnown(id, own);
    String notification =
        """
        {"value":[{"subscriptionId":"sub-1","clientState":"%s","expirationDateTime":\
        "2026-11-30T10:00:00Z","resource":"api/v2.0/companies(1)/customers(5)",\
        "changeType":"updated","lastModifiedDateTime":"2026-11-27T10:00:00Z"}]}\
        """;
    assertProblem(
        gateway.post("/api/webhooks/erp/dynamics/" + id, notification.formatted(own + "x")),
        401,
        "wrong-client-state",
        "value[0].clientState");
    assertProblem(
        gateway.post("/api/webhooks/erp/dynamics/" + id, notification.formatted("")),
        401,
        "wrong-client-state",
        "value[0].clientState");
  }

  @Test
  void handshakeOnlyForDynamicsAndOnlyWithAPrintableToken() throws Exception {
    assertProblem(
        gateway.post("/api/webhooks/erp/" + sap + "?validationToken=abc", ""),
        400,
        "bad-validation-token",
        "validationToken");
    long id = newId();
    used.add(id);
    String own = newSecret();
    gateway.connection(webhookConnection(id, ErpType.DYNAMICS_365_BC, own));
    gateway.awaitKnown(id, own);
    assertProblem(
        gateway.post("/api/webhooks/erp/dynamics/" + id + "?validationToken=a%0Ab", ""),
        400,
        "bad-validation-token",
        "validationToken");
    assertProblem(
        gateway.post(
            "/api/webhooks/erp/dynamics/" + id + "?validationToken=" + "t".repeat(1025), ""),
        400,
        "bad-validation-token",
        "validationToken");
  }

  @Test
  void anotherFamilysUrl() throws Exception {
    assertProblem(
        gateway.post("/api/webhooks/erp/dynamics/" + sap, EVENT, "X-Webhook-Secret", secret),
        404,
        "wrong-route",
        null);
  }

  @Test
  void rateLimitedWithRetryAfter() throws Exception {
    long id = newId();
    used.add(id);
    String own = newSecret();
    gateway.connection(
        snapshot(
            id,
            ErpType.SAP_S4HANA,
            true,
            true,
            own,
            Gateway.settings(WebhookConnections.RATE_LIMIT_SETTING, 3)));
    gateway.awaitKnown(id, own);
    HttpResponse<String> limited = null;
    for (int i = 0; i < 20 && limited == null; i++) {
      HttpResponse<String> answer = gateway.post(path(id), "[]", "X-Webhook-Secret", own + "x");
      if (answer.statusCode() == 429) {
        limited = answer;
      }
    }
    assertThat(limited).as("a 429 within 20 requests at 3 per second").isNotNull();
    assertProblem(limited, 429, "rate-limited", null);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
  }

  @Test
  void misconfiguredConnectionIsA503SoTheErpRetries() throws Exception {
    long id = newId();
    used.add(id);
    String own = newSecret();
    gateway.connection(
        snapshot(
            id,
            ErpType.ORACLE_NETSUITE,
            true,
            true,
            own,
            Gateway.settings("webhook", Map.of("entityPath", "a..b"))));
    gateway.awaitKnown(id, own);
    HttpResponse<String> answer =
        gateway.post("/api/webhooks/erp/oracle/" + id, EVENT, "X-Webhook-Secret", own);
    assertProblem(answer, 503, "misconfigured", null);
    assertThat(answer.headers().firstValue("Retry-After")).isPresent();
    assertThat(answer.body()).doesNotContain(own);
  }

  @Test
  void noSecretNorSignatureIsEverEchoed() throws Exception {
    HttpResponse<String> answer =
        gateway.post(
            path(sap),
            EVENT,
            "X-Webhook-Secret",
            "presented-" + secret,
            "X-Webhook-Signature",
            "sha256=" + "ab".repeat(32));
    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.body()).doesNotContain(secret).doesNotContain("ab".repeat(32));
  }

  private void awaitStatus(long id, String secret, int status) throws Exception {
    long deadline = System.nanoTime() + Gateway.WAIT.toNanos();
    while (gateway.post(path(id), EVENT, "X-Webhook-Secret", secret).statusCode() != status) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("connection " + id + " never answered " + status);
      }
      Thread.sleep(100);
    }
  }

  private static String path(long id) {
    return "/api/webhooks/erp/" + id;
  }
}
