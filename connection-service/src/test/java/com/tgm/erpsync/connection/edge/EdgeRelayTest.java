package com.tgm.erpsync.connection.edge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.connection.edge.FakeDownstream.Answer;
import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.AdminTokens;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guide's mapping, sync, job, conflict and dashboard endpoints on connection-service reach the
 * same path on mapping-service or sync-orchestrator (real HTTP to {@link FakeDownstream}s) with
 * method, query, body, the caller's token and trace context intact, and the answer comes back
 * unchanged.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = FakeDownstreamResource.class)
class EdgeRelayTest {
  private static final String ERP = "/api/admin/erp";
  private static final String MAPPING = MappingService.NAME;
  private static final String ORCHESTRATOR = SyncOrchestrator.NAME;
  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  /** The guide's Step 2 body, as written. */
  static final String GUIDE_STEP_2 =
      """
      {
        "tgmEntityType": "UNIT",
        "erpEntityName": "Equipment",
        "syncEnabled": true,
        "syncDirection": "BIDIRECTIONAL",
        "conflictResolution": "ERP_WINS",
        "batchSize": 100,
        "fieldMappings": [
          {"tgmField": "name", "erpField": "Description", "fieldType": "STRING",
           "syncDirection": "BIDIRECTIONAL", "required": true},
          {"tgmField": "serialNumber", "erpField": "SerialNumber", "fieldType": "STRING",
           "syncDirection": "INBOUND", "isKeyField": true},
          {"tgmField": "manufacturer", "erpField": "ManufacturerName", "fieldType": "STRING",
           "syncDirection": "INBOUND"}
        ]
      }
      """;

  /** A MERGED resolution: the TGM values to keep. */
  static final String MERGED_RESOLUTION =
      """
      {"resolution": "MERGED", "values": {"name": "Pump 7 (rebuilt)", "serialNumber": "SN-0042"}}
      """;

  @InjectFakeDownstreams FakeDownstreams downstream;

  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void reset() {
    downstream.reset();
  }

  /** method, path on the edge (with query), service, body. */
  static Stream<Arguments> guideEndpoints() {
    return Stream.of(
        Arguments.of("GET", ERP + "/connections/7/mappings", MAPPING, null),
        Arguments.of("POST", ERP + "/connections/7/mappings", MAPPING, GUIDE_STEP_2),
        Arguments.of("GET", ERP + "/mappings/11", MAPPING, null),
        Arguments.of("PUT", ERP + "/mappings/11", MAPPING, GUIDE_STEP_2),
        Arguments.of("DELETE", ERP + "/mappings/11", MAPPING, null),
        Arguments.of(
            "POST",
            ERP + "/mappings/11/preview",
            MAPPING,
            "{\"direction\": \"INBOUND\", \"record\": {\"Equipment\": \"10000045\"}}"),
        Arguments.of("GET", ERP + "/connections/7/sync-jobs", ORCHESTRATOR, null),
        Arguments.of("GET", ERP + "/sync-jobs/123", ORCHESTRATOR, null),
        Arguments.of("GET", ERP + "/sync-jobs/123/detail", ORCHESTRATOR, null),
        Arguments.of("GET", ERP + "/sync-jobs/running", ORCHESTRATOR, null),
        Arguments.of("POST", ERP + "/connections/7/sync/full", ORCHESTRATOR, null),
        Arguments.of("POST", ERP + "/connections/7/sync/incremental", ORCHESTRATOR, null),
        Arguments.of(
            "POST",
            ERP + "/connections/7/sync/entity?entityType=UNIT&recordId=456&direction=OUTBOUND",
            ORCHESTRATOR,
            null),
        Arguments.of("POST", ERP + "/sync-jobs/123/cancel", ORCHESTRATOR, null),
        Arguments.of("POST", ERP + "/sync-jobs/123/retry", ORCHESTRATOR, null),
        Arguments.of("GET", ERP + "/connections/7/sync/statistics", ORCHESTRATOR, null),
        Arguments.of("GET", ERP + "/conflicts", ORCHESTRATOR, null),
        Arguments.of("GET", ERP + "/conflicts/123", ORCHESTRATOR, null),
        Arguments.of("POST", ERP + "/conflicts/123/resolve", ORCHESTRATOR, MERGED_RESOLUTION));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("guideEndpoints")
  void relaysTheGuideEndpointToTheSamePathWithTokenQueryAndBody(
      String method, String pathAndQuery, String service, String body) throws Exception {
    String token = AdminTokens.admin("alice");
    RequestSpecification request = given().auth().oauth2(token).header("traceparent", TRACEPARENT);
    if (body != null) {
      request.contentType("application/json").body(body);
    }

    Response response = request.request(method, pathAndQuery);

    String path = pathAndQuery.split("\\?")[0];
    String query = pathAndQuery.contains("?") ? pathAndQuery.split("\\?", 2)[1] : null;
    assertThat(response.statusCode()).isEqualTo(200);
    // the fake's echo, relayed as it is
    assertThat(response.jsonPath().getString("service")).isEqualTo(service);
    assertThat(response.jsonPath().getString("path")).isEqualTo(path);

    FakeDownstream target = fake(service);
    FakeDownstream other =
        service.equals(MAPPING) ? downstream.syncOrchestrator() : downstream.mappingService();
    assertThat(target.requests()).hasSize(1);
    assertThat(other.requests()).isEmpty();
    FakeDownstream.Request received = target.lastRequest();
    assertThat(received.method()).isEqualTo(method);
    assertThat(received.path()).isEqualTo(path);
    assertThat(received.query()).isEqualTo(query);
    assertThat(received.header("Authorization")).isEqualTo("Bearer " + token);
    assertThat(received.header("traceparent")).isEqualTo(TRACEPARENT);
    if (body != null) {
      assertThat(received.header("Content-Type")).startsWith("application/json");
      assertThat(json.readTree(received.body())).isEqualTo(json.readTree(body));
    } else {
      assertThat(received.body()).isEmpty();
    }
  }

  @Test
  void listsEveryRelayedGuideEndpointInTheOpenApiDocument() {
    Map<String, Map<String, Object>> paths =
        given()
            .queryParam("format", "json")
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("paths");
    guideEndpoints()
        .forEach(
            arguments -> {
              String method = ((String) arguments.get()[0]).toLowerCase();
              String path =
                  ((String) arguments.get()[1])
                      .split("\\?")[0]
                      .replace("/7/", "/{id}/")
                      .replaceAll("/(11|123)(/|$)", "/{id}$2");
              assertThat(paths).as(path).containsKey(path);
              assertThat(paths.get(path)).as(method + " " + path).containsKey(method);
            });
  }

  @Test
  void relaysCreatedWithBodyAndLocationOnTheEdge() {
    String created = "{\"id\":5,\"erpConnectionId\":7,\"tgmEntityType\":\"UNIT\"}";
    downstream
        .mappingService()
        .answer(
            "POST",
            ERP + "/connections/7/mappings",
            Answer.json(201, created)
                .withHeader("Location", downstream.mappingService().url() + ERP + "/mappings/5"));

    Response response = admin().body(GUIDE_STEP_2).post(ERP + "/connections/7/mappings");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.asString()).isEqualTo(created);
    String location = response.header("Location");
    assertThat(location).endsWith(ERP + "/mappings/5");
    assertThat(location).doesNotContain(downstream.mappingService().url());
  }

  @Test
  void relaysAListAsItIs() {
    String mappings =
        "[{\"id\":5,\"tgmEntityType\":\"UNIT\"},{\"id\":6,\"tgmEntityType\":\"COMPANY\"}]";
    downstream
        .mappingService()
        .answer("GET", ERP + "/connections/7/mappings", Answer.json(200, mappings));

    admin()
        .get(ERP + "/connections/7/mappings")
        .then()
        .statusCode(200)
        .body("id", equalTo(List.of(5, 6)))
        .body("[1].tgmEntityType", equalTo("COMPANY"));
  }

  @Test
  void relaysNotFoundProblemUnchanged() {
    Answer problem = Answer.problem(404, "Not Found", "No mapping 99");
    downstream.mappingService().answer("GET", ERP + "/mappings/99", problem);

    Response response = admin().get(ERP + "/mappings/99");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.asString()).isEqualTo(problem.body());
  }

  @Test
  void relaysConflictProblemUnchanged() {
    Answer problem = Answer.problem(409, "Conflict", "A full sync of connection 7 is running");
    downstream.syncOrchestrator().answer("POST", ERP + "/connections/7/sync/full", problem);

    Response response = admin().post(ERP + "/connections/7/sync/full");

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.asString()).isEqualTo(problem.body());
  }

  @Test
  void relaysBadRequestProblemOfAnIncompleteSingleRecordSync() {
    Answer problem = Answer.problem(400, "Bad Request", "entityType is required");
    downstream.syncOrchestrator().answer("POST", ERP + "/connections/7/sync/entity", problem);

    Response response = admin().post(ERP + "/connections/7/sync/entity?recordId=456");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.asString()).isEqualTo(problem.body());
    assertThat(downstream.syncOrchestrator().lastRequest().query()).isEqualTo("recordId=456");
  }

  /**
   * The query parameters of the job and conflict endpoints: paging, error-log paging, failed
   * records only, the conflict filters; values the orchestrator will refuse pass unchanged too.
   */
  static Stream<Arguments> orchestratorQueries() {
    return Stream.of(
        Arguments.of("GET", ERP + "/connections/7/sync-jobs?page=2&size=50"),
        Arguments.of("GET", ERP + "/sync-jobs/running?page=1&size=10"),
        Arguments.of("GET", ERP + "/sync-jobs/123/detail?errorsPage=3&errorsSize=25"),
        Arguments.of("POST", ERP + "/sync-jobs/123/retry?failedRecordsOnly=true"),
        Arguments.of("GET", ERP + "/connections/7/sync-jobs?page=x"),
        Arguments.of(
            "GET", ERP + "/conflicts?connectionId=7&status=OPEN&entityType=UNIT&page=1&size=25"),
        Arguments.of("GET", ERP + "/conflicts?status=RESOLVED"),
        Arguments.of("GET", ERP + "/conflicts?status=maybe&size=500"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("orchestratorQueries")
  void relaysTheQueryOfAJobOrConflictEndpointAsItWasSent(String method, String pathAndQuery) {
    Response response = admin().request(method, pathAndQuery);

    assertThat(response.statusCode()).isEqualTo(200);
    FakeDownstream.Request received = downstream.syncOrchestrator().lastRequest();
    assertThat(received.method()).isEqualTo(method);
    assertThat(received.path()).isEqualTo(pathAndQuery.split("\\?")[0]);
    assertThat(received.query()).isEqualTo(pathAndQuery.split("\\?", 2)[1]);
  }

  @Test
  void relaysTheJobListsPagingHeaders() {
    String page = "[{\"id\":30,\"status\":\"COMPLETED\"}]";
    String links =
        "<"
            + ERP
            + "/connections/7/sync-jobs?page=0&size=1>; rel=\"first\", <"
            + ERP
            + "/connections/7/sync-jobs?page=2&size=1>; rel=\"next\"";
    downstream
        .syncOrchestrator()
        .answer(
            "GET",
            ERP + "/connections/7/sync-jobs",
            Answer.json(200, page).withHeader("X-Total-Count", "42").withHeader("Link", links));
    downstream
        .syncOrchestrator()
        .answer(
            "GET",
            ERP + "/sync-jobs/running",
            Answer.json(200, "[]").withHeader("X-Total-Count", "0"));

    Response list = admin().get(ERP + "/connections/7/sync-jobs?page=1&size=1");
    Response running = admin().get(ERP + "/sync-jobs/running");

    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.asString()).isEqualTo(page);
    assertThat(list.header("X-Total-Count")).isEqualTo("42");
    assertThat(list.header("Link")).isEqualTo(links);
    assertThat(running.statusCode()).isEqualTo(200);
    assertThat(running.header("X-Total-Count")).isEqualTo("0");
    assertThat(running.header("Link")).isNull();
  }

  @Test
  void relaysTheConflictListsPagingHeaders() {
    String page = "[{\"id\":40,\"status\":\"OPEN\"}]";
    String links =
        "<"
            + ERP
            + "/conflicts?status=OPEN&page=0&size=1>; rel=\"first\", <"
            + ERP
            + "/conflicts?status=OPEN&page=2&size=1>; rel=\"next\"";
    downstream
        .syncOrchestrator()
        .answer(
            "GET",
            ERP + "/conflicts",
            Answer.json(200, page).withHeader("X-Total-Count", "3").withHeader("Link", links));

    Response response = admin().get(ERP + "/conflicts?status=OPEN&page=1&size=1");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.asString()).isEqualTo(page);
    assertThat(response.header("X-Total-Count")).isEqualTo("3");
    assertThat(response.header("Link")).isEqualTo(links);
  }

  @Test
  void relaysTheProblemOfAnInvalidResolutionWithTheFieldAtFault() throws Exception {
    String problem =
        "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
            + "\"detail\":\"The resolution is invalid\",\"instance\":\""
            + ERP
            + "/conflicts/123/resolve\","
            + "\"errors\":[{\"field\":\"values\",\"message\":\"is required for MERGED\"}]}";
    downstream
        .syncOrchestrator()
        .answer(
            "POST",
            ERP + "/conflicts/123/resolve",
            Answer.raw(400, "application/problem+json", problem));

    Response response =
        admin().body("{\"resolution\": \"MERGED\"}").post(ERP + "/conflicts/123/resolve");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.asString()).isEqualTo(problem);
    assertThat(json.readTree(downstream.syncOrchestrator().lastRequest().body()))
        .isEqualTo(json.readTree("{\"resolution\": \"MERGED\"}"));
  }

  /** Like every admin write, a resolution is audited, whether it is relayed through or refused. */
  @Test
  void auditsEachResolutionWithItsOutcome() {
    String subject = "resolver-" + UUID.randomUUID();
    Answer resolved = Answer.problem(409, "Conflict", "Conflict 124 is already resolved");
    downstream.syncOrchestrator().answer("POST", ERP + "/conflicts/124/resolve", resolved);

    given()
        .auth()
        .oauth2(AdminTokens.admin(subject))
        .contentType("application/json")
        .body(MERGED_RESOLUTION)
        .post(ERP + "/conflicts/123/resolve")
        .then()
        .statusCode(200);
    given()
        .auth()
        .oauth2(AdminTokens.admin(subject))
        .contentType("application/json")
        .body("{\"resolution\": \"ERP\"}")
        .post(ERP + "/conflicts/124/resolve")
        .then()
        .statusCode(409);

    JsonPath audit =
        admin()
            .queryParam("action", "conflict.resolve")
            .queryParam("size", 500)
            .get(ERP + "/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<Map<String, Object>> entries =
        audit.<Map<String, Object>>getList("content").stream()
            .filter(entry -> subject.equals(entry.get("actor")))
            .toList();
    assertThat(entries).hasSize(2);
    // newest first
    assertThat(entries.get(0))
        .containsEntry("method", "POST")
        .containsEntry("path", ERP + "/conflicts/124/resolve")
        .containsEntry("outcome", "REJECTED")
        .containsEntry("status", 409);
    assertThat(entries.get(1))
        .containsEntry("method", "POST")
        .containsEntry("path", ERP + "/conflicts/123/resolve")
        .containsEntry("outcome", "SUCCESS")
        .containsEntry("status", 200);
  }

  @Test
  void relaysNoContentOfADelete() {
    downstream.mappingService().answer("DELETE", ERP + "/mappings/11", Answer.noContent());

    Response response = admin().delete(ERP + "/mappings/11");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.asString()).isEmpty();
  }

  @Test
  void refusesCallerWithoutTokenBeforeCallingAnyService() {
    guideEndpoints()
        .forEach(
            arguments -> {
              Response response =
                  given()
                      .contentType("application/json")
                      .body("{}")
                      .request((String) arguments.get()[0], (String) arguments.get()[1]);
              assertThat(response.statusCode()).as(arguments.get()[1].toString()).isEqualTo(401);
              assertThat(response.contentType()).startsWith("application/problem+json");
            });
    assertThat(downstream.mappingService().requests()).isEmpty();
    assertThat(downstream.syncOrchestrator().requests()).isEmpty();
  }

  @Test
  void refusesCallerWithoutAdminRoleBeforeCallingAnyService() {
    guideEndpoints()
        .forEach(
            arguments -> {
              Response response =
                  given()
                      .auth()
                      .oauth2(AdminTokens.withoutAdminRole("bob"))
                      .contentType("application/json")
                      .body("{}")
                      .request((String) arguments.get()[0], (String) arguments.get()[1]);
              assertThat(response.statusCode()).as(arguments.get()[1].toString()).isEqualTo(403);
            });
    assertThat(downstream.mappingService().requests()).isEmpty();
    assertThat(downstream.syncOrchestrator().requests()).isEmpty();
  }

  @Test
  void sendsNoTraceContextWhenTheCallerHasNone() {
    admin().get(ERP + "/sync-jobs/123").then().statusCode(200);

    assertThat(downstream.syncOrchestrator().lastRequest().header("traceparent")).isNull();
  }

  private FakeDownstream fake(String service) {
    return service.equals(MAPPING) ? downstream.mappingService() : downstream.syncOrchestrator();
  }

  private static RequestSpecification admin() {
    return given().auth().oauth2(AdminTokens.admin("alice")).contentType("application/json");
  }
}
