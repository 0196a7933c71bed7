package com.tgm.erpsync.orchestrator.rest;

import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.API;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.admin;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.execute;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.freshId;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.job;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.mapping;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.text;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.tgm.erpsync.orchestrator.directory.ConnectionDirectory;
import com.tgm.erpsync.orchestrator.directory.MappingDirectory;
import com.tgm.erpsync.orchestrator.jobs.SyncFixtures;
import com.tgm.erpsync.orchestrator.schedule.ScheduleFixtures;
import com.tgm.erpsync.orchestrator.schedule.ScheduleFixtures.Scheduled;
import com.tgm.erpsync.orchestrator.schedule.SyncScheduler;
import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.AdminTokens;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The jobs and schedules half of the dashboard, read from real sync_job and sync_schedule rows:
 * active jobs with their progress, failures of the last 24 hours (older ones and other statuses
 * left out), per-connection health figures, and the scheduled syncs due soonest.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class DashboardDataApiTest {
  private static final String DATA = "/api/internal/erp/dashboard-data";

  @Inject ConnectionDirectory connections;
  @Inject MappingDirectory mappings;
  @Inject SyncScheduler scheduler;
  @Inject AgroalDataSource dataSource;

  @Test
  void answersRunningJobsRecentFailuresHealthAndUpcomingSyncsFromTheTables() {
    // due in a minute: sooner than the hourly schedules other tests leave behind
    Scheduled sap = ScheduleFixtures.publish(connections, Scheduled.every(freshId(), 1));
    SyncFixtures.publish(mappings, mapping(freshId(), sap.id(), "UNIT"));
    long quiet = ScheduleFixtures.publish(connections, Scheduled.every(freshId(), 600)).id();
    scheduler.reconcile();

    long completed =
        job(sap.id(), "INCREMENTAL", "COMPLETED")
            .set("completed_at", "now() - interval '1 hour'")
            .set("error_count", "2")
            .insert(dataSource);
    long failed =
        job(sap.id(), "FULL", "FAILED")
            .set("connection_name", "'Dynamics 365'")
            .set("error_code", "'AUTH_FAILED'")
            .set("error_message", "'Authentication failed'")
            .set("error_count", "15")
            .set("completed_at", "now() - interval '10 minutes'")
            .insert(dataSource);
    long stale =
        job(sap.id(), "INCREMENTAL", "STALE")
            .set("error_message", "'No progress for 2 hours: marked stale'")
            .set("completed_at", "now() - interval '20 minutes'")
            .insert(dataSource);
    long realtime =
        job(sap.id(), "REALTIME", "FAILED")
            .set("error_message", "'Authentication failed'")
            .set("completed_at", "now() - interval '30 minutes'")
            .insert(dataSource);
    // ended 25 hours ago: out of the window
    job(sap.id(), "FULL", "FAILED")
        .set("error_count", "100")
        .set("completed_at", "now() - interval '25 hours'")
        .insert(dataSource);
    job(sap.id(), "FULL", "CANCELLED").set("error_count", "7").insert(dataSource);
    long running =
        admin()
            .post(API + "/connections/" + sap.id() + "/sync/incremental")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    execute(
        dataSource,
        "UPDATE sync_job SET processed_records = 450, total_records = 1000 WHERE id = " + running);
    String startedAt = text(dataSource, utcOf("started_at", running));

    JsonPath data =
        admin()
            .get(DATA)
            .then()
            .statusCode(200)
            .contentType("application/json")
            .extract()
            .jsonPath();

    assertThat(data.getString("generatedAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
    assertThat(data.getLong("runningJobsCount")).isGreaterThanOrEqualTo(1);
    List<Map<String, Object>> runningJobs = data.getList("runningJobs");
    assertThat(runningJobs.size()).isLessThanOrEqualTo(20);
    assertThat(runningJobs)
        .filteredOn(j -> ((Number) j.get("connectionId")).longValue() == sap.id())
        .containsExactly(
            Map.of(
                "jobId",
                (int) running,
                "connectionId",
                (int) sap.id(),
                "connectionName",
                sap.name(),
                "jobType",
                "INCREMENTAL",
                "status",
                "RUNNING",
                "progressPercent",
                45,
                "processedRecords",
                450,
                "totalRecords",
                1000,
                "startedAt",
                startedAt));

    List<Map<String, Object>> failures = data.getList("recentFailedJobs");
    assertThat(failures)
        .filteredOn(j -> ((Number) j.get("connectionId")).longValue() == sap.id())
        .extracting(j -> ((Number) j.get("jobId")).longValue())
        .containsExactly(failed, stale, realtime);
    Map<String, Object> auth =
        failures.stream()
            .filter(j -> ((Number) j.get("jobId")).longValue() == failed)
            .findFirst()
            .orElseThrow();
    assertThat(auth)
        .containsEntry("connectionName", "Dynamics 365")
        .containsEntry("jobType", "FULL")
        .containsEntry("status", "FAILED")
        .containsEntry("errorCode", "AUTH_FAILED")
        .containsEntry("errorMessage", "Authentication failed")
        .containsEntry("errorCount", 15)
        .containsEntry("failedAt", text(dataSource, utcOf("completed_at", failed)))
        .containsEntry("isRetryable", true);
    assertThat(failures)
        .filteredOn(j -> ((Number) j.get("jobId")).longValue() == realtime)
        .extracting(j -> j.get("isRetryable"))
        .containsExactly(false);

    List<Map<String, Object>> health = data.getList("connections");
    assertThat(health)
        .filteredOn(c -> ((Number) c.get("connectionId")).longValue() == sap.id())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.get("lastSuccessfulSync"))
                  .isEqualTo(text(dataSource, utcOf("completed_at", completed)));
              // the full or incremental sync that ended last (cancelled ones say nothing)
              assertThat(c.get("lastSyncStatus")).isEqualTo("FAILED");
              // 2 + 15 failed records (the cancelled job's 7 too), 3 failed or stale jobs
              assertThat(c.get("recentErrorCount")).isEqualTo(2 + 15 + 7 + 3);
            });
    assertThat(health)
        .filteredOn(c -> ((Number) c.get("connectionId")).longValue() == quiet)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.get("lastSuccessfulSync")).isNull();
              assertThat(c.get("lastSyncStatus")).isNull();
              assertThat(c.get("recentErrorCount")).isEqualTo(0);
            });

    List<Map<String, Object>> upcoming = data.getList("upcomingSyncs");
    assertThat(upcoming)
        .filteredOn(u -> ((Number) u.get("connectionId")).longValue() == sap.id())
        .containsExactly(
            Map.of(
                "connectionId",
                (int) sap.id(),
                "connectionName",
                sap.name(),
                "syncType",
                "INCREMENTAL",
                "nextSyncAt",
                text(
                    dataSource,
                    "SELECT to_char(next_run_at AT TIME ZONE 'UTC',"
                        + " 'YYYY-MM-DD\"T\"HH24:MI:SS') FROM sync_schedule WHERE"
                        + " connection_id = "
                        + sap.id())));
  }

  @Test
  void refusesCallerWithoutAdminToken() {
    given().get(DATA).then().statusCode(401);
    given().auth().oauth2(AdminTokens.withoutAdminRole("bob")).get(DATA).then().statusCode(403);
  }

  private static String utcOf(String column, long jobId) {
    return "SELECT to_char(date_trunc('second', "
        + column
        + ") AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') FROM sync_job WHERE id = "
        + jobId;
  }
}
