package com.tgm.erpsync.connection.edge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.tgm.erpsync.connection.edge.FakeDownstream.Answer;
import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.AdminTokens;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guide's dashboard composed at the edge: connections and their tested status from this
 * service's database (real PostgreSQL), jobs and schedules from sync-orchestrator (a fake HTTP
 * server answering its internal dashboard data), every field of the guide's example, health and
 * durations as documented, and the orchestrator's outages as on every relayed call.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = FakeDownstreamResource.class)
class DashboardCompositionTest {
  private static final String DASHBOARD = "/api/admin/erp/dashboard";
  private static final String DATA = "/api/internal/erp/dashboard-data";
  private static final DateTimeFormatter UTC = DateTimeFormatter.ISO_LOCAL_DATE_TIME;
  private static final long DELETED_CONNECTION = 987_654_321L;

  static final List<String> GUIDE_FIELDS =
      List.of(
          "totalConnections",
          "enabledConnections",
          "connectedConnections",
          "errorConnections",
          "runningJobsCount",
          "runningJobs",
          "recentFailedJobs",
          "connectionHealth",
          "upcomingSyncs",
          "generatedAt");
  static final List<String> RUNNING_JOB_FIELDS =
      List.of(
          "jobId",
          "connectionId",
          "connectionName",
          "jobType",
          "progressPercent",
          "processedRecords",
          "totalRecords",
          "startedAt",
          "runningFor");
  static final List<String> FAILED_JOB_FIELDS =
      List.of(
          "jobId",
          "connectionId",
          "connectionName",
          "jobType",
          "errorMessage",
          "errorCount",
          "failedAt",
          "isRetryable");
  static final List<String> HEALTH_FIELDS =
      List.of(
          "connectionId",
          "connectionName",
          "erpType",
          "connectionStatus",
          "lastSuccessfulSync",
          "recentErrorCount",
          "healthStatus");
  static final List<String> UPCOMING_FIELDS =
      List.of("connectionId", "connectionName", "syncType", "nextSyncAt", "timeUntilSync");

  @InjectFakeDownstreams FakeDownstreams downstream;
  @Inject AgroalDataSource dataSource;

  @BeforeEach
  void reset() {
    downstream.reset();
  }

  @Test
  void composesEveryFieldOfTheGuidesDashboardFromConnectionsAndTheOrchestratorsData()
      throws Exception {
    Created healthyOne = create("Healthy SAP", true, true, "CONNECTED");
    Created failingOne = create("Failing SAP", true, true, "CONNECTED");
    long healthy = healthyOne.id();
    long erroring = create("Erroring SAP", true, true, "ERROR").id();
    long disabled = create("Disabled SAP", false, true, "CONNECTED").id();
    long untested = create("Untested SAP", true, false, "UNTESTED").id();
    long degraded = create("Degraded SAP", true, true, "CONNECTED").id();
    long lastFailed = failingOne.id();
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    String longRunningStart = UTC.format(now.minusMinutes(65));
    String justStarted = UTC.format(now.minusSeconds(20));
    String nextSync = UTC.format(now.plusMinutes(25));
    downstream
        .syncOrchestrator()
        .answer(
            "GET",
            DATA,
            Answer.json(
                200,
                """
                {"generatedAt": "%1$s", "runningJobsCount": 3,
                 "runningJobs": [
                   {"jobId": 125, "connectionId": %2$d, "connectionName": "Old name",
                    "jobType": "INCREMENTAL", "status": "RUNNING", "progressPercent": 45,
                    "processedRecords": 450, "totalRecords": 1000, "startedAt": "%3$s"},
                   {"jobId": 126, "connectionId": %4$d, "connectionName": "Erroring SAP",
                    "jobType": "FULL", "status": "RUNNING", "progressPercent": 0,
                    "processedRecords": 0, "totalRecords": null, "startedAt": "%5$s"}],
                 "recentFailedJobs": [
                   {"jobId": 120, "connectionId": %6$d, "connectionName": "Failing SAP",
                    "jobType": "FULL", "status": "FAILED", "errorCode": "AUTH_FAILED",
                    "errorMessage": "Authentication failed", "errorCount": 15,
                    "failedAt": "2024-01-15T08:00:00", "isRetryable": true},
                   {"jobId": 119, "connectionId": %7$d, "connectionName": "Gone SAP",
                    "jobType": "INCREMENTAL", "status": "FAILED", "errorCode": "AUTH_FAILED",
                    "errorMessage": "Authentication failed", "errorCount": 0,
                    "failedAt": "2024-01-15T07:00:00", "isRetryable": true}],
                 "connections": [
                   {"connectionId": %2$d, "lastSuccessfulSync": "2024-01-15T09:00:00",
                    "lastSyncStatus": "COMPLETED", "recentErrorCount": 0},
                   {"connectionId": %8$d, "lastSuccessfulSync": "2024-01-15T09:30:00",
                    "lastSyncStatus": "COMPLETED", "recentErrorCount": 3},
                   {"connectionId": %6$d, "lastSuccessfulSync": "2024-01-14T09:00:00",
                    "lastSyncStatus": "FAILED", "recentErrorCount": 16}],
                 "upcomingSyncs": [
                   {"connectionId": %2$d, "connectionName": "Healthy SAP",
                    "syncType": "INCREMENTAL", "nextSyncAt": "%9$s"},
                   {"connectionId": %10$d, "connectionName": "Disabled SAP",
                    "syncType": "INCREMENTAL", "nextSyncAt": "%9$s"},
                   {"connectionId": %11$d, "connectionName": "Untested SAP",
                    "syncType": "INCREMENTAL", "nextSyncAt": "%9$s"}]}
                """
                    .formatted(
                        UTC.format(now),
                        healthy,
                        longRunningStart,
                        erroring,
                        justStarted,
                        lastFailed,
                        DELETED_CONNECTION,
                        degraded,
                        nextSync,
                        disabled,
                        untested)));
    String token = AdminTokens.admin("alice");

    Response response = given().auth().oauth2(token).get(DASHBOARD);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/json");
    FakeDownstream.Request asked = downstream.syncOrchestrator().lastRequest();
    assertThat(asked.method()).isEqualTo("GET");
    assertThat(asked.path()).isEqualTo(DATA);
    assertThat(asked.header("Authorization")).isEqualTo("Bearer " + token);
    JsonPath body = response.jsonPath();
    Map<String, Object> dashboard = body.getMap("");
    assertThat(dashboard).containsOnlyKeys(GUIDE_FIELDS);

    // counts of this service's connections, the status ones among the enabled
    assertThat(body.getLong("totalConnections")).isEqualTo(count("true"));
    assertThat(body.getLong("enabledConnections")).isEqualTo(count("enabled"));
    assertThat(body.getLong("connectedConnections"))
        .isEqualTo(count("enabled AND connection_status = 'CONNECTED'"));
    assertThat(body.getLong("errorConnections"))
        .isEqualTo(count("enabled AND connection_status = 'ERROR'"));
    assertThat(body.getLong("errorConnections")).isGreaterThanOrEqualTo(1);
    assertThat(body.getLong("runningJobsCount")).isEqualTo(3);
    LocalDateTime generatedAt = LocalDateTime.parse(body.getString("generatedAt"));
    assertThat(generatedAt).isBetween(now, now.plusSeconds(5));

    List<Map<String, Object>> running = body.getList("runningJobs");
    assertThat(running).allSatisfy(job -> assertThat(job).containsOnlyKeys(RUNNING_JOB_FIELDS));
    assertThat(running.get(0))
        .containsEntry("jobId", 125)
        .containsEntry("connectionId", (int) healthy)
        .containsEntry("connectionName", healthyOne.name()) // the current name, not the recorded
        .containsEntry("jobType", "INCREMENTAL")
        .containsEntry("progressPercent", 45)
        .containsEntry("processedRecords", 450)
        .containsEntry("totalRecords", 1000)
        .containsEntry("startedAt", longRunningStart)
        .containsEntry("runningFor", "1 hour 5 minutes");
    assertThat(running.get(1))
        .containsEntry("jobId", 126)
        .containsEntry("totalRecords", null)
        .containsEntry("runningFor", "less than a minute");

    List<Map<String, Object>> failed = body.getList("recentFailedJobs");
    assertThat(failed).allSatisfy(job -> assertThat(job).containsOnlyKeys(FAILED_JOB_FIELDS));
    assertThat(failed.get(0))
        .containsEntry("jobId", 120)
        .containsEntry("connectionId", (int) lastFailed)
        .containsEntry("connectionName", failingOne.name())
        .containsEntry("jobType", "FULL")
        .containsEntry("errorMessage", "Authentication failed")
        .containsEntry("errorCount", 15)
        .containsEntry("failedAt", "2024-01-15T08:00:00")
        .containsEntry("isRetryable", true);
    // the connection is gone: its name as recorded, and nothing left to retry it on
    assertThat(failed.get(1))
        .containsEntry("jobId", 119)
        .containsEntry("connectionName", "Gone SAP")
        .containsEntry("isRetryable", false);

    List<Map<String, Object>> health = body.getList("connectionHealth");
    assertThat(health).allSatisfy(c -> assertThat(c).containsOnlyKeys(HEALTH_FIELDS));
    assertThat(health).hasSize((int) count("true"));
    assertThat(healthOf(health, healthy))
        .containsEntry("connectionName", healthyOne.name())
        .containsEntry("erpType", "SAP_S4HANA")
        .containsEntry("connectionStatus", "CONNECTED")
        .containsEntry("lastSuccessfulSync", "2024-01-15T09:00:00")
        .containsEntry("recentErrorCount", 0)
        .containsEntry("healthStatus", "HEALTHY");
    assertThat(healthOf(health, degraded))
        .containsEntry("recentErrorCount", 3)
        .containsEntry("healthStatus", "DEGRADED");
    assertThat(healthOf(health, erroring))
        .containsEntry("connectionStatus", "ERROR")
        .containsEntry("lastSuccessfulSync", null)
        .containsEntry("healthStatus", "UNHEALTHY");
    assertThat(healthOf(health, lastFailed))
        .containsEntry("recentErrorCount", 16)
        .containsEntry("healthStatus", "UNHEALTHY");
    assertThat(healthOf(health, untested))
        .containsEntry("connectionStatus", "UNTESTED")
        .containsEntry("healthStatus", "DEGRADED");
    assertThat(healthOf(health, disabled)).containsEntry("healthStatus", "DISABLED");

    // only connections that are scheduled here now: disabled and sync-disabled ones are left out
    List<Map<String, Object>> upcoming = body.getList("upcomingSyncs");
    assertThat(upcoming)
        .containsExactly(
            Map.of(
                "connectionId",
                (int) healthy,
                "connectionName",
                healthyOne.name(),
                "syncType",
                "INCREMENTAL",
                "nextSyncAt",
                nextSync,
                "timeUntilSync",
                "25 minutes"));
    assertThat(upcoming).allSatisfy(u -> assertThat(u).containsOnlyKeys(UPCOMING_FIELDS));
  }

  @Test
  void showsEmptyListsWhenNothingRunsFailedOrIsScheduled() {
    downstream
        .syncOrchestrator()
        .answer(
            "GET",
            DATA,
            Answer.json(
                200,
                """
                {"runningJobsCount": 0, "runningJobs": [], "recentFailedJobs": [],
                 "connections": [], "upcomingSyncs": []}
                """));

    JsonPath body = admin().get(DASHBOARD).then().statusCode(200).extract().jsonPath();

    assertThat(body.getList("runningJobs")).isEmpty();
    assertThat(body.getList("recentFailedJobs")).isEmpty();
    assertThat(body.getList("upcomingSyncs")).isEmpty();
    assertThat(body.getInt("runningJobsCount")).isZero();
    assertThat(body.getList("connectionHealth")).hasSize((int) count("true"));
  }

  @Test
  void answersServiceUnavailableNamingTheOrchestratorWhenItIsDown() {
    downstream.syncOrchestrator().goDown();

    Response response = admin().get(DASHBOARD);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.header("Retry-After")).isEqualTo("10");
    assertThat(response.jsonPath().getString("detail"))
        .isEqualTo("sync-orchestrator is unreachable: connection refused");
    assertThat(response.jsonPath().getString("instance")).isEqualTo(DASHBOARD);
  }

  @Test
  void answersBadGatewayWhenTheOrchestratorFailsOrAnswersNonsense() {
    downstream
        .syncOrchestrator()
        .answer("GET", DATA, Answer.json(500, "{\"details\":\"Error id 42\"}"));
    Response failing = admin().get(DASHBOARD);
    assertThat(failing.statusCode()).isEqualTo(502);
    assertThat(failing.contentType()).startsWith("application/problem+json");
    assertThat(failing.jsonPath().getString("detail"))
        .isEqualTo("sync-orchestrator failed: it answered HTTP 500 for the dashboard data");
    assertThat(failing.asString()).doesNotContain("Error id 42");

    downstream.syncOrchestrator().answer("GET", DATA, Answer.raw(200, "text/html", "<html/>"));
    Response nonsense = admin().get(DASHBOARD);
    assertThat(nonsense.statusCode()).isEqualTo(502);
    assertThat(nonsense.jsonPath().getString("detail"))
        .isEqualTo("sync-orchestrator failed: its dashboard data is unreadable");
  }

  @Test
  void refusesCallerWithoutAdminRoleBeforeAskingTheOrchestrator() {
    given()
        .auth()
        .oauth2(AdminTokens.withoutAdminRole("bob"))
        .get(DASHBOARD)
        .then()
        .statusCode(403);
    given().get(DASHBOARD).then().statusCode(401);
    assertThat(downstream.syncOrchestrator().requests()).isEmpty();
  }

  /** A connection created through the API, then given a tested status as a test would leave it. */
  private Created create(String name, boolean enabled, boolean syncEnabled, String status)
      throws Exception {
    String unique = name + " " + UUID.randomUUID().toString().substring(0, 8);
    long id =
        admin()
            .body(
                """
                {"name": "%s", "erpType": "SAP_S4HANA", "authType": "OAUTH2",
                 "baseUrl": "https://my-sap-system.example.com/sap/opu/odata4/sap",
                 "clientId": "your-client-id", "clientSecret": "your-client-secret",
                 "sapClient": "100", "sapSystemId": "PRD", "sapLanguage": "EN",
                 "enabled": %s, "syncEnabled": %s, "syncDirection": "BIDIRECTIONAL",
                 "syncIntervalMinutes": 60, "webhookEnabled": false}
                """
                    .formatted(unique, enabled, syncEnabled))
            .post("/api/admin/erp/connections")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    execute("UPDATE erp_connection SET connection_status = '" + status + "' WHERE id = " + id);
    return new Created(id, unique);
  }

  private record Created(long id, String name) {}

  private static Map<String, Object> healthOf(List<Map<String, Object>> health, long id) {
    return health.stream()
        .filter(c -> ((Number) c.get("connectionId")).longValue() == id)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no connectionHealth for " + id));
  }

  private long count(String where) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT count(*) FROM erp_connection WHERE " + where)) {
      rows.next();
      return rows.getLong(1);
    } catch (Exception e) {
      throw new AssertionError(where, e);
    }
  }

  private void execute(String sql) throws Exception {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql);
    }
  }

  private static io.restassured.specification.RequestSpecification admin() {
    return given().auth().oauth2(AdminTokens.admin("alice")).contentType("application/json");
  }
}
