package com.tgm.erpsync.connection.edge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guide's webhook URLs on the admin API's host, relayed to the webhook gateway (here a fake
 * standing in for it) without an admin token: path, query, body and the webhook's headers go as
 * they came; the gateway's status, body and Retry-After come back as they are, a 503 included; a
 * gateway that does not answer is a 503 with Retry-After, so an ERP retries.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = WebhookRelayTest.FakeGateway.class)
class WebhookRelayTest {
  static FakeDownstream gateway;

  /** A fake webhook gateway, and the edge pointed at it. */
  public static class FakeGateway implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
      gateway = FakeDownstream.start("webhook-gateway");
      return Map.of("tgm.webhook-gateway.url", gateway.url());
    }

    @Override
    public void stop() {
      gateway.close();
    }
  }

  @BeforeEach
  void reset() {
    gateway.reset();
  }

  @Test
  void relaysTheWebhookAsItCameAndTheAnswerAsItIs() {
    gateway.answer(
        "POST",
        "/api/webhooks/erp/sap/42",
        FakeDownstream.Answer.json(200, "{\"accepted\":1,\"duplicates\":0}"));
    String event = "{\"specversion\":\"1.0\",\"id\":\"e-1\"}";

    given()
        .urlEncodingEnabled(false)
        .contentType("application/cloudevents+json")
        .header("X-Webhook-Signature", "sha256=abc")
        .header("X-Webhook-Timestamp", "1764240000")
        .header("ce-source", "/default/sap.s4.beh/S4HCLNT100")
        .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
        .header("Cookie", "session=not-for-the-gateway")
        .body(event)
        .post("/api/webhooks/erp/sap/42?code=k%2B1")
        .then()
        .statusCode(200)
        .body("accepted", equalTo(1));

    FakeDownstream.Request relayed = gateway.lastRequest();
    assertThat(relayed.method()).isEqualTo("POST");
    assertThat(relayed.path()).isEqualTo("/api/webhooks/erp/sap/42");
    assertThat(relayed.query()).isEqualTo("code=k%2B1");
    assertThat(relayed.body()).isEqualTo(event);
    assertThat(relayed.header("content-type")).startsWith("application/cloudevents+json");
    assertThat(relayed.header("x-webhook-signature")).isEqualTo("sha256=abc");
    assertThat(relayed.header("x-webhook-timestamp")).isEqualTo("1764240000");
    assertThat(relayed.header("ce-source")).isEqualTo("/default/sap.s4.beh/S4HCLNT100");
    assertThat(relayed.header("traceparent")).startsWith("00-0af7651916cd43dd");
    assertThat(relayed.header("cookie")).isNull();
    assertThat(relayed.header("authorization")).isNull();
  }

  @Test
  void relaysRefusalsAndTheGatewaysOwn503WithItsRetryAfter() {
    gateway.answer(
        "POST",
        "/api/webhooks/erp/7",
        FakeDownstream.Answer.problem(401, "Unauthorized", "X-Webhook-Secret is wrong"));
    given()
        .contentType("application/json")
        .body("{}")
        .post("/api/webhooks/erp/7")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("detail", equalTo("X-Webhook-Secret is wrong"));

    gateway.answer(
        "POST",
        "/api/webhooks/erp/8",
        FakeDownstream.Answer.problem(503, "Service Unavailable", "not queued")
            .withHeader("Retry-After", "5"));
    given()
        .contentType("application/json")
        .body("{}")
        .post("/api/webhooks/erp/8")
        .then()
        .statusCode(503)
        .header("Retry-After", "5")
        .body("detail", equalTo("not queued"));
  }

  @Test
  void relaysTheBusinessCentralHandshake() {
    gateway.answer(
        "GET",
        "/api/webhooks/erp/dynamics/9",
        new FakeDownstream.Answer(200, "text/plain", "tok-1", Map.of(), java.time.Duration.ZERO));
    String echoed =
        given()
            .get("/api/webhooks/erp/dynamics/9?validationToken=tok-1")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(echoed).isEqualTo("tok-1");
    assertThat(gateway.lastRequest().query()).isEqualTo("validationToken=tok-1");
  }

  @Test
  void aGatewayThatDoesNotAnswerIsA503SoTheErpRetries() {
    gateway.goDown();
    given()
        .contentType("application/json")
        .body("{}")
        .post("/api/webhooks/erp/10")
        .then()
        .statusCode(503)
        .header("Retry-After", "5")
        .contentType("application/problem+json");
  }
}
