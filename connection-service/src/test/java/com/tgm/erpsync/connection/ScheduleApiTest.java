package com.tgm.erpsync.connection;

import static com.tgm.erpsync.connection.ConnectionApiTest.CONNECTIONS;
import static com.tgm.erpsync.connection.ConnectionApiTest.GUIDE_STEP_1;
import static com.tgm.erpsync.connection.ConnectionApiTest.admin;
import static com.tgm.erpsync.connection.ConnectionApiTest.create;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.connection.edge.FakeDownstream.Answer;
import com.tgm.erpsync.connection.edge.FakeDownstreamResource;
import com.tgm.erpsync.connection.edge.FakeDownstreams;
import com.tgm.erpsync.connection.edge.InjectFakeDownstreams;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.AdminTokens;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TopicProbe;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guide's Schedule Configuration section, sent as written, against real PostgreSQL and Kafka,
 * with sync-orchestrator stood in for by a fake HTTP server.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = FakeDownstreamResource.class)
class ScheduleApiTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @InjectFakeDownstreams FakeDownstreams downstream;
  @Inject ObjectMapper mapper;

  @BeforeEach
  void reset() {
    downstream.reset();
  }

  @Test
  void getsTheScheduleWithEveryFieldOfTheGuide() {
    long id = create(GUIDE_STEP_1);
    LocalDateTime next =
        LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).plusMinutes(30);
    orchestratorKnows(
        id,
        """
        {"lastFullSync": "2024-01-14T00:00:00", "lastIncrementalSync": "2024-01-15T09:00:00",
         "nextScheduledSync": "%s", "activeJobsCount": 0, "activeJobIds": []}
        """
            .formatted(next));

    // the guide's curl, as written
    given()
        .header("Authorization", "Bearer " + AdminTokens.admin("alice"))
        .get(CONNECTIONS + "/" + id + "/schedule")
        .then()
        .statusCode(200)
        .body("connectionId", equalTo((int) id))
        .body("connectionName", equalTo("Production SAP"))
        .body("syncEnabled", equalTo(true))
        .body("syncIntervalMinutes", equalTo(60))
        .body("syncIntervalFormatted", equalTo("1 hour"))
        .body("webhookEnabled", equalTo(true))
        .body("webhookUrl", equalTo("/api/webhooks/erp/" + id))
        .body("maxRetries", equalTo(3))
        .body("retryDelaySeconds", equalTo(30))
        .body("rateLimitRequests", equalTo(100))
        .body("rateLimitPeriodSeconds", equalTo(60))
        .body("lastFullSync", equalTo("2024-01-14T00:00:00"))
        .body("lastIncrementalSync", equalTo("2024-01-15T09:00:00"))
        .body("nextScheduledSync", equalTo(next.toString()))
        .body("nextSyncIn", equalTo("30 minutes"))
        .body("isScheduleActive", equalTo(true))
        .body("activeJobsCount", equalTo(0))
        .body("unavailable", nullValue());
    // the caller's token went along to the orchestrator
    assertThat(downstream.syncOrchestrator().lastRequest().header("Authorization"))
        .startsWith("Bearer ");
  }

  @Test
  void updatesTheScheduleWithTheGuidesBodyAndPublishesIt() throws Exception {
    long id = create(GUIDE_STEP_1.replace("Production SAP", "Scheduled SAP"));
    TopicProbe published = TopicProbe.open(TestInfrastructure.kafka(), Topics.CONNECTIONS);

    admin()
        .body(
            """
            {
            "syncEnabled": true,
            "syncIntervalMinutes": 30,
            "webhookEnabled": true,
            "maxRetries": 5,
            "retryDelaySeconds": 60,
            "rateLimitRequests": 50,
            "rateLimitPeriodSeconds": 60
            }\
            """)
        .put(CONNECTIONS + "/" + id + "/schedule")
        .then()
        .statusCode(200)
        .body("syncIntervalMinutes", equalTo(30))
        .body("syncIntervalFormatted", equalTo("30 minutes"))
        .body("maxRetries", equalTo(5))
        .body("retryDelaySeconds", equalTo(60))
        .body("rateLimitRequests", equalTo(50))
        .body("rateLimitPeriodSeconds", equalTo(60));

    ConsumerRecord<String, String> record =
        published.await(
            r -> String.valueOf(id).equals(r.key()) && r.value().contains("\"version\":2"), WAIT);
    ConnectionSnapshot snapshot = mapper.readValue(record.value(), ConnectionSnapshot.class);
    assertThat(snapshot.version()).isEqualTo(2);
    assertThat(snapshot.syncIntervalMinutes()).isEqualTo(30);
    assertThat(snapshot.maxRetries()).isEqualTo(5);
    assertThat(snapshot.rateLimitRequests()).isEqualTo(50);
    published.close();
  }

  @Test
  void enablesWithAnIntervalAndDisables() {
    long id = create(GUIDE_STEP_1.replace("Production SAP", "Toggled SAP"));

    given()
        .header("Authorization", "Bearer " + AdminTokens.admin("alice"))
        .post(CONNECTIONS + "/" + id + "/schedule/enable?intervalMinutes=30")
        .then()
        .statusCode(200)
        .body("syncEnabled", equalTo(true))
        .body("syncIntervalMinutes", equalTo(30))
        .body("isScheduleActive", equalTo(true));
    given()
        .header("Authorization", "Bearer " + AdminTokens.admin("alice"))
        .post(CONNECTIONS + "/" + id + "/schedule/disable")
        .then()
        .statusCode(200)
        .body("syncEnabled", equalTo(false))
        .body("syncIntervalMinutes", equalTo(30))
        .body("isScheduleActive", equalTo(false))
        .body("nextScheduledSync", nullValue());
    admin()
        .post(CONNECTIONS + "/" + id + "/schedule/enable")
        .then()
        .statusCode(200)
        .body("syncEnabled", equalTo(true))
        .body("syncIntervalMinutes", equalTo(30));
    admin().get(CONNECTIONS + "/" + id).then().body("version", equalTo(4));
  }

  static Stream<Arguments> outOfRange() {
    return Stream.of(
        Arguments.of("{\"syncIntervalMinutes\": 0}", "syncIntervalMinutes"),
        Arguments.of("{\"syncIntervalMinutes\": 43201}", "syncIntervalMinutes"),
        Arguments.of("{\"maxRetries\": -1}", "maxRetries"),
        Arguments.of("{\"retryDelaySeconds\": -5}", "retryDelaySeconds"),
        Arguments.of("{\"rateLimitRequests\": 0}", "rateLimitRequests"),
        Arguments.of("{\"rateLimitPeriodSeconds\": 0}", "rateLimitPeriodSeconds"),
        Arguments.of("{\"syncIntervalMinutes\": \"hourly\"}", "syncIntervalMinutes"));
  }

  @ParameterizedTest
  @MethodSource("outOfRange")
  void refusesValuesOutOfRangeAndChangesNothing(String body, String field) {
    TopicProbe published = TopicProbe.open(TestInfrastructure.kafka(), Topics.CONNECTIONS);
    long id = create(GUIDE_STEP_1.replace("Production SAP", "Range " + field + body.length()));
    published.await(r -> String.valueOf(id).equals(r.key()), WAIT); // the create's snapshot

    admin()
        .body(body)
        .put(CONNECTIONS + "/" + id + "/schedule")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains(field));

    admin().get(CONNECTIONS + "/" + id).then().body("version", equalTo(1));
    assertThat(published.drain(r -> String.valueOf(id).equals(r.key()), Duration.ofSeconds(1)))
        .hasSize(1);
    published.close();
  }

  @Test
  void refusesAnEnableIntervalOutOfRange() {
    long id = create(GUIDE_STEP_1.replace("Production SAP", "Bad interval SAP"));
    for (String interval : List.of("0", "-30", "43201")) {
      admin()
          .post(CONNECTIONS + "/" + id + "/schedule/enable?intervalMinutes=" + interval)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", contains("intervalMinutes"));
    }
    admin()
        .post(CONNECTIONS + "/" + id + "/schedule/enable?intervalMinutes=soon")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains("intervalMinutes"));
    admin().get(CONNECTIONS + "/" + id).then().body("version", equalTo(1));
  }

  @Test
  void answersWithWhatItOwnsWhenTheOrchestratorIsDown() {
    long id = create(GUIDE_STEP_1.replace("Production SAP", "Lonely SAP"));
    downstream.syncOrchestrator().goDown();

    admin()
        .get(CONNECTIONS + "/" + id + "/schedule")
        .then()
        .statusCode(200)
        .body("syncIntervalFormatted", equalTo("1 hour"))
        .body("webhookUrl", equalTo("/api/webhooks/erp/" + id))
        .body("isScheduleActive", equalTo(true))
        .body("lastFullSync", nullValue())
        .body("activeJobsCount", nullValue())
        .body("unavailable.service", equalTo("sync-orchestrator"))
        .body(
            "unavailable.fields",
            hasItems("lastFullSync", "lastIncrementalSync", "nextScheduledSync", "activeJobsCount"))
        .body("unavailable.reason", containsString("sync-orchestrator"));
  }

  @Test
  void refusesToDeleteAConnectionWithRunningJobs() {
    long id = create(GUIDE_STEP_1.replace("Production SAP", "Busy SAP"));
    orchestratorKnows(
        id,
        """
        {"activeJobsCount": 2, "activeJobIds": [123, 125]}
        """);

    admin()
        .delete(CONNECTIONS + "/" + id)
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("2 running sync job(s) [123, 125]"));
    admin().get(CONNECTIONS + "/" + id).then().statusCode(200);

    // the orchestrator cannot say: nothing is deleted either
    downstream.syncOrchestrator().goDown();
    admin()
        .delete(CONNECTIONS + "/" + id)
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .body("detail", containsString("sync-orchestrator"));
    admin().get(CONNECTIONS + "/" + id).then().statusCode(200);

    // once the jobs are over, it goes
    downstream.syncOrchestrator().comeBack();
    orchestratorKnows(id, "{\"activeJobsCount\": 0, \"activeJobIds\": []}");
    admin().delete(CONNECTIONS + "/" + id).then().statusCode(204);
    admin().get(CONNECTIONS + "/" + id).then().statusCode(404);
  }

  @Test
  void answers404ForTheScheduleOfAnUnknownConnection() {
    admin().get(CONNECTIONS + "/765432/schedule").then().statusCode(404);
    admin().body("{}").put(CONNECTIONS + "/765432/schedule").then().statusCode(404);
    admin().post(CONNECTIONS + "/765432/schedule/enable").then().statusCode(404);
    admin().delete(CONNECTIONS + "/765432").then().statusCode(404);
  }

  private void orchestratorKnows(long id, String state) {
    downstream
        .syncOrchestrator()
        .answer(
            "GET",
            "/api/internal/erp/connections/" + id + "/schedule-state",
            Answer.json(200, state));
  }
}
