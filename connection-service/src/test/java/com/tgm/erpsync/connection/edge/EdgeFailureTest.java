package com.tgm.erpsync.connection.edge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.tgm.erpsync.connection.edge.FakeDownstream.Answer;
import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.AdminTokens;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A downstream service that is down, fails or is too slow gives the caller problem+json naming it:
 * 503 unreachable, 502 failing or unreadable, 504 no answer within the read timeout (1 s here).
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = FakeDownstreamResource.class,
    initArgs = @ResourceArg(name = FakeDownstreamResource.READ_TIMEOUT, value = "1000"))
class EdgeFailureTest {
  private static final String ERP = "/api/admin/erp";

  @InjectFakeDownstreams FakeDownstreams downstream;

  private final String token = AdminTokens.admin("alice");

  @BeforeEach
  void reset() {
    downstream.reset();
  }

  @Test
  void answersServiceUnavailableNamingMappingServiceWhenItIsDown() {
    downstream.mappingService().goDown();

    Response response = admin().get(ERP + "/mappings/11");

    assertProblem(response, 503, "mapping-service is unreachable: connection refused");
    assertThat(response.header("Retry-After")).isEqualTo("10");
  }

  @Test
  void answersServiceUnavailableNamingSyncOrchestratorWhenItIsDown() {
    downstream.syncOrchestrator().goDown();

    Response response = admin().post(ERP + "/connections/7/sync/full");

    assertProblem(response, 503, "sync-orchestrator is unreachable: connection refused");
  }

  @Test
  void answersServiceUnavailableToAResolutionWhenSyncOrchestratorIsDown() {
    downstream.syncOrchestrator().goDown();

    Response response =
        admin().body("{\"resolution\": \"TGM\"}").post(ERP + "/conflicts/123/resolve");

    assertProblem(response, 503, "sync-orchestrator is unreachable: connection refused");
    assertThat(response.header("Retry-After")).isEqualTo("10");
  }

  @Test
  void keepsRelayingToOneServiceWhileTheOtherIsDown() {
    downstream.syncOrchestrator().goDown();

    admin().get(ERP + "/connections/7/mappings").then().statusCode(200);
    assertProblem(admin().get(ERP + "/dashboard"), 503, "sync-orchestrator is unreachable");
  }

  @Test
  void relaysAgainOnceTheServiceIsBack() {
    downstream.mappingService().goDown();
    admin().get(ERP + "/mappings/11").then().statusCode(503);

    downstream.mappingService().comeBack();

    admin().get(ERP + "/mappings/11").then().statusCode(200);
  }

  @Test
  void answersBadGatewayNamingTheServiceWhenItFailsWithServerError() {
    downstream
        .syncOrchestrator()
        .answer(
            "GET",
            "/api/internal/erp/dashboard-data",
            Answer.json(500, "{\"details\":\"Error id 42\"}"));

    Response response = admin().get(ERP + "/dashboard");

    assertProblem(response, 502, "sync-orchestrator failed: it answered HTTP 500");
    assertThat(response.asString()).doesNotContain("Error id 42");
  }

  @Test
  void answersBadGatewayWithTheServicesOwnProblemDetailWhenItIsUnavailable() {
    downstream
        .mappingService()
        .answer(
            "PUT",
            ERP + "/mappings/11",
            Answer.problem(503, "Service Unavailable", "The message broker is unavailable"));

    Response response = admin().body("{}").put(ERP + "/mappings/11");

    assertProblem(
        response,
        502,
        "mapping-service failed: it answered HTTP 503 (The message broker is unavailable)");
  }

  @Test
  void answersBadGatewayWhenTheAnswerIsNotJson() {
    downstream
        .syncOrchestrator()
        .answer("GET", ERP + "/sync-jobs/123", Answer.raw(200, "text/html", "<html>proxy</html>"));
    downstream
        .syncOrchestrator()
        .answer("GET", ERP + "/sync-jobs/124", Answer.raw(200, "application/json", "{\"id\":"));

    assertProblem(
        admin().get(ERP + "/sync-jobs/123"),
        502,
        "sync-orchestrator failed: its answer (HTTP 200) is not JSON");
    assertProblem(
        admin().get(ERP + "/sync-jobs/124"),
        502,
        "sync-orchestrator failed: its answer (HTTP 200) is not JSON");
  }

  @Test
  void answersGatewayTimeoutNamingTheServiceWhenItAnswersTooLate() {
    downstream
        .syncOrchestrator()
        .answer(
            "POST",
            ERP + "/connections/7/sync/full",
            Answer.json(201, "{\"id\":123}").after(Duration.ofSeconds(5)));

    long start = System.nanoTime();
    Response response = admin().post(ERP + "/connections/7/sync/full");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertProblem(
        response,
        504,
        "sync-orchestrator did not answer within 1000 ms; the request may still take effect"
            + " there");
    assertThat(took).isLessThan(Duration.ofSeconds(4));
    assertThat(downstream.syncOrchestrator().requests()).hasSize(1);
  }

  private void assertProblem(Response response, int status, String detail) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
    assertThat(response.jsonPath().getString("detail")).startsWith(detail);
    assertThat(response.jsonPath().getString("instance")).startsWith(ERP);
    assertThat(response.asString()).doesNotContain(token, "127.0.0.1", "Exception");
  }

  private io.restassured.specification.RequestSpecification admin() {
    return given().auth().oauth2(token).contentType("application/json");
  }
}
