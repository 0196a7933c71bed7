package com.tgm.erpsync.orchestrator.rest;

import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.API;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.admin;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.connection;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.count;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.execute;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.freshId;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.job;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.jobRows;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.mapping;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.publish;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.syncableConnection;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.text;
import static com.tgm.erpsync.orchestrator.rest.SyncTriggerApiTest.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.tgm.erpsync.orchestrator.directory.ConnectionDirectory;
import com.tgm.erpsync.orchestrator.directory.MappingDirectory;
import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Watching, listing, cancelling and retrying jobs, and the statistics and schedule state read from
 * the jobs table. The job driver is not part of these tests: its effects (counters, status, error
 * logs, ledger rows) are written into the tables as it would write them.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class SyncJobsApiTest {

  /** The fields of the guide's "Monitoring Sync Jobs" response. */
  static final List<String> GUIDE_MONITORING_FIELDS =
      List.of(
          "id",
          "erpConnectionId",
          "erpConnectionName",
          "jobType",
          "direction",
          "status",
          "totalRecords",
          "processedRecords",
          "successCount",
          "errorCount",
          "skipCount",
          "progressPercent",
          "startedAt",
          "completedAt",
          "durationMs",
          "durationFormatted");

  /** The fields of the guide's "Get Detailed Job Info with Error Logs" response. */
  static final List<String> GUIDE_DETAIL_FIELDS =
      List.of(
          "id",
          "erpConnectionId",
          "erpConnectionName",
          "jobType",
          "status",
          "totalRecords",
          "processedRecords",
          "successCount",
          "errorCount",
          "errorLogs",
          "durationFormatted");

  static final List<String> GUIDE_ERROR_LOG_FIELDS =
      List.of(
          "recordIndex",
          "entityType",
          "tgmRecordId",
          "erpRecordId",
          "errorCode",
          "errorMessage",
          "isRetryable");

  static final List<String> GUIDE_STATISTICS_FIELDS =
      List.of(
          "connectionId",
          "connectionName",
          "lastFullSync",
          "lastIncrementalSync",
          "syncedRecordsByEntity",
          "recentFailures",
          "lastJobStatus",
          "lastJobSuccessCount",
          "lastJobErrorCount");

  @Inject ConnectionDirectory connections;
  @Inject MappingDirectory mappings;
  @Inject AgroalDataSource dataSource;

  @Test
  void showsAJobWithEveryFieldOfTheGuidesMonitoringExample() {
    long connection = freshId();
    long job =
        job(connection, "FULL", "COMPLETED")
            .set("total_records", "1500")
            .set("processed_records", "1500")
            .set("success_count", "1485")
            .set("error_count", "15")
            .set("started_at", "'2024-01-15T10:30:00Z'")
            .set("completed_at", "'2024-01-15T10:45:30Z'")
            .insert(dataSource);

    Response response = admin().get(API + "/sync-jobs/" + job);

    response
        .then()
        .statusCode(200)
        .body("id", equalTo((int) job))
        .body("erpConnectionId", equalTo((int) connection))
        .body("erpConnectionName", equalTo("Production SAP"))
        .body("jobType", equalTo("FULL"))
        .body("direction", equalTo("BIDIRECTIONAL"))
        .body("status", equalTo("COMPLETED"))
        .body("totalRecords", equalTo(1500))
        .body("processedRecords", equalTo(1500))
        .body("successCount", equalTo(1485))
        .body("errorCount", equalTo(15))
        .body("skipCount", equalTo(0))
        .body("progressPercent", equalTo(100))
        .body("startedAt", equalTo("2024-01-15T10:30:00"))
        .body("completedAt", equalTo("2024-01-15T10:45:30"))
        .body("durationMs", equalTo(930000))
        .body("durationFormatted", equalTo("15m 30s"));
    for (String field : GUIDE_MONITORING_FIELDS) {
      response.then().body("$", hasKey(field));
    }
  }

  @Test
  void showsTheProgressOfAJob() {
    long connection = syncableConnection(connections, mappings);
    long running = start(connection, "full");
    long failed =
        job(connection, "INCREMENTAL", "FAILED")
            .set("total_records", "1000")
            .set("processed_records", "450")
            .set("error_message", "'Authentication failed'")
            .insert(dataSource);

    admin()
        .get(API + "/sync-jobs/" + running)
        .then()
        .statusCode(200)
        .body("status", equalTo("RUNNING"))
        .body("completedAt", nullValue())
        .body("durationMs", greaterThanOrEqualTo(0))
        .body("durationFormatted", notNullValue());
    admin()
        .get(API + "/sync-jobs/" + failed)
        .then()
        .statusCode(200)
        .body("progressPercent", equalTo(45))
        .body("errorMessage", equalTo("Authentication failed"))
        .body("durationMs", equalTo(60000))
        .body("durationFormatted", equalTo("1m 0s"));
    admin().get(API + "/sync-jobs/" + freshId()).then().statusCode(404);
  }

  @Test
  void showsTheErrorLogsOfAJobAPageAtATime() {
    long job =
        job(freshId(), "FULL", "COMPLETED")
            .set("total_records", "1500")
            .set("processed_records", "1500")
            .set("success_count", "1497")
            .set("error_count", "3")
            .insert(dataSource);
    execute(
        dataSource,
        "INSERT INTO sync_error_log (job_id, record_index, entity_type, tgm_record_id,"
            + " erp_record_id, error_code, error_message, retryable) VALUES ("
            + job
            + ", 0, 'UNIT', 456, 'EQ-12345', 'VALIDATION_ERROR',"
            + " 'Required field ''SerialNumber'' is missing', true), ("
            + job
            + ", 1, 'UNIT', 789, NULL, 'NOT_FOUND', 'Equipment not found in ERP', false), ("
            + job
            + ", 2, 'UNIT', 790, 'EQ-790', 'TIMEOUT', 'No answer in 30 s', true)");

    Response detail = admin().get(API + "/sync-jobs/" + job + "/detail");

    detail
        .then()
        .statusCode(200)
        .body("id", equalTo((int) job))
        .body("errorCount", equalTo(3))
        .body("errorLogs.recordIndex", contains(0, 1, 2))
        .body("errorLogs[0].entityType", equalTo("UNIT"))
        .body("errorLogs[0].tgmRecordId", equalTo(456))
        .body("errorLogs[0].erpRecordId", equalTo("EQ-12345"))
        .body("errorLogs[0].errorCode", equalTo("VALIDATION_ERROR"))
        .body("errorLogs[0].errorMessage", equalTo("Required field 'SerialNumber' is missing"))
        .body("errorLogs[0].isRetryable", equalTo(true))
        .body("errorLogs[1].erpRecordId", nullValue())
        .body("errorLogs[1].isRetryable", equalTo(false))
        .body("errorLogsTotal", equalTo(3));
    for (String field : GUIDE_DETAIL_FIELDS) {
      detail.then().body("$", hasKey(field));
    }
    for (String field : GUIDE_ERROR_LOG_FIELDS) {
      detail.then().body("errorLogs[1]", hasKey(field));
    }
    admin()
        .queryParam("errorsPage", 1)
        .queryParam("errorsSize", 2)
        .get(API + "/sync-jobs/" + job + "/detail")
        .then()
        .statusCode(200)
        .body("errorLogs.recordIndex", contains(2))
        .body("errorsPage", equalTo(1))
        .body("errorsSize", equalTo(2))
        .body("errorLogsTotal", equalTo(3));
    for (Map.Entry<String, String> bad :
        List.of(
            Map.entry("errorsSize", "0"),
            Map.entry("errorsSize", "1001"),
            Map.entry("errorsSize", "many"),
            Map.entry("errorsPage", "-1"))) {
      admin()
          .queryParam(bad.getKey(), bad.getValue())
          .get(API + "/sync-jobs/" + job + "/detail")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", contains(bad.getKey()));
    }
  }

  @Test
  void listsAConnectionsJobsNewestFirstAPageAtATime() {
    long connection = syncableConnection(connections, mappings);
    List<Integer> jobs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      jobs.add((int) job(connection, "INCREMENTAL", "COMPLETED").insert(dataSource));
    }
    String list = API + "/connections/" + connection + "/sync-jobs";

    Response first = admin().queryParam("size", 2).get(list);

    first
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("id", contains(jobs.get(4), jobs.get(3)))
        .header("X-Total-Count", "5");
    assertThat(first.header("Link"))
        .contains("<" + list + "?page=0&size=2>; rel=\"first\"")
        .contains("<" + list + "?page=1&size=2>; rel=\"next\"")
        .contains("<" + list + "?page=2&size=2>; rel=\"last\"")
        .doesNotContain("rel=\"prev\"");
    for (String field : SyncTriggerApiTest.GUIDE_JOB_FIELDS) {
      first.then().body("[0]", hasKey(field));
    }
    Response last = admin().queryParam("page", 2).queryParam("size", 2).get(list);
    last.then().statusCode(200).body("id", contains(jobs.get(0)));
    assertThat(last.header("Link")).contains("rel=\"prev\"").doesNotContain("rel=\"next\"");
    admin()
        .queryParam("page", 3)
        .queryParam("size", 2)
        .get(list)
        .then()
        .statusCode(200)
        .body("$", empty());
    admin()
        .get(list)
        .then()
        .statusCode(200)
        .body("id", contains(jobs.get(4), jobs.get(3), jobs.get(2), jobs.get(1), jobs.get(0)));
    for (Map.Entry<String, String> bad :
        List.of(
            Map.entry("page", "-1"),
            Map.entry("page", "x"),
            Map.entry("size", "0"),
            Map.entry("size", "101"))) {
      admin()
          .queryParam(bad.getKey(), bad.getValue())
          .get(list)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", contains(bad.getKey()));
    }
  }

  @Test
  void listsTheActiveJobsOfEveryConnection() {
    long one = syncableConnection(connections, mappings);
    long other = syncableConnection(connections, mappings);
    int running = (int) start(one, "full");
    int inbound = (int) start(other, "entity?entityType=UNIT&recordId=EQ-1&direction=INBOUND");
    int finished = (int) job(other, "FULL", "COMPLETED").insert(dataSource);

    Response response = admin().get(API + "/sync-jobs/running");

    response
        .then()
        .statusCode(200)
        .body("id", hasItems(running, inbound))
        .body("id", not(hasItems(finished)))
        .body("status", everyItem(in(List.of("PENDING", "RUNNING"))));
    assertThat(Long.parseLong(response.header("X-Total-Count"))).isGreaterThanOrEqualTo(2);
    admin()
        .queryParam("size", 1)
        .get(API + "/sync-jobs/running")
        .then()
        .statusCode(200)
        .body("$.size()", equalTo(1));
    admin()
        .queryParam("size", "all")
        .get(API + "/sync-jobs/running")
        .then()
        .statusCode(400)
        .body("errors.field", contains("size"));
  }

  @Test
  void cancelsARunningJobAndItsTasks() {
    long connection = syncableConnection(connections, mappings);
    long job = start(connection, "full");

    admin()
        .post(API + "/sync-jobs/" + job + "/cancel")
        .then()
        .statusCode(200)
        .body("id", equalTo((int) job))
        .body("status", equalTo("CANCELLED"))
        .body("completedAt", notNullValue())
        .body("errorMessage", equalTo("Cancelled by alice"));

    assertThat(
            count(
                dataSource,
                "SELECT count(*) FROM sync_job_task WHERE status IN ('PENDING', 'RUNNING')"
                    + " AND job_id = "
                    + job))
        .isZero();
    admin()
        .post(API + "/sync-jobs/" + job + "/cancel")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("reason", equalTo("JOB_FINISHED"))
        .body("detail", containsString("is CANCELLED"));
    admin().post(API + "/sync-jobs/" + freshId() + "/cancel").then().statusCode(404);
    start(connection, "full"); // the connection is free again
  }

  @Test
  void retriesAFailedJobWithItsConfiguration() {
    long connection = publish(connections, connection(freshId()).direction("INBOUND"));
    publish(mappings, mapping(freshId(), connection, "UNIT"));
    long failed =
        job(connection, "INCREMENTAL", "FAILED")
            .set("direction", "'INBOUND'")
            .set("error_code", "'AUTH_FAILED'")
            .set("error_message", "'Authentication failed'")
            .insert(dataSource);

    Response retry = admin().post(API + "/sync-jobs/" + failed + "/retry");

    retry
        .then()
        .statusCode(201)
        .body("jobType", equalTo("INCREMENTAL"))
        .body("direction", equalTo("INBOUND"))
        .body("status", equalTo("RUNNING"))
        .body("retryOfJobId", equalTo((int) failed))
        .body("failedRecordsOnly", equalTo(false));
    long job = retry.jsonPath().getLong("id");
    assertThat(retry.header("Location")).endsWith(API + "/sync-jobs/" + job);
    assertThat(text(dataSource, "SELECT retry_of_job_id FROM sync_job WHERE id = " + job))
        .isEqualTo(Long.toString(failed));
  }

  @Test
  void retriesOnlyTheFailedRecordsWhenAsked() {
    long connection = publish(connections, connection(freshId()));
    long unit = publish(mappings, mapping(freshId(), connection, "UNIT"));
    publish(mappings, mapping(freshId(), connection, "COMPANY"));
    long done = job(connection, "FULL", "COMPLETED").set("error_count", "1").insert(dataSource);
    execute(
        dataSource,
        "INSERT INTO sync_error_log (job_id, record_index, entity_type, mapping_id, direction,"
            + " tgm_record_id, error_code, error_message, retryable) VALUES ("
            + done
            + ", 0, 'UNIT', "
            + unit
            + ", 'OUTBOUND', 456, 'TIMEOUT', 'No answer in 30 s', true)");

    Response retry =
        admin().queryParam("failedRecordsOnly", "true").post(API + "/sync-jobs/" + done + "/retry");

    retry
        .then()
        .statusCode(201)
        .body("jobType", equalTo("FULL"))
        .body("failedRecordsOnly", equalTo(true))
        .body("retryOfJobId", equalTo((int) done));
    long job = retry.jsonPath().getLong("id");
    assertThat(text(dataSource, "SELECT failed_records_only FROM sync_job WHERE id = " + job))
        .isEqualTo("t");
    assertThat(
            text(
                dataSource,
                "SELECT string_agg(entity_type || ' ' || direction, ',') FROM sync_job_task"
                    + " WHERE job_id = "
                    + job))
        .isEqualTo("UNIT OUTBOUND");
  }

  @Test
  void retriesACancelledSingleRecordSync() {
    long connection = syncableConnection(connections, mappings);
    long single =
        job(connection, "SINGLE_RECORD", "CANCELLED")
            .set("direction", "'INBOUND'")
            .set("entity_type", "'UNIT'")
            .set("record_id", "'EQ-1'")
            .insert(dataSource);

    admin()
        .post(API + "/sync-jobs/" + single + "/retry")
        .then()
        .statusCode(201)
        .body("jobType", equalTo("SINGLE_RECORD"))
        .body("entityType", equalTo("UNIT"))
        .body("recordId", equalTo("EQ-1"))
        .body("direction", equalTo("INBOUND"))
        .body("retryOfJobId", equalTo((int) single));
  }

  @Test
  void refusesToRetryAJobThatNeedsNoRetry() {
    long connection = syncableConnection(connections, mappings);
    long running = start(connection, "full");
    long clean = job(connection, "INCREMENTAL", "COMPLETED").insert(dataSource);
    long failed = job(connection, "INCREMENTAL", "FAILED").insert(dataSource);
    long rows = jobRows(dataSource);

    admin()
        .post(API + "/sync-jobs/" + running + "/retry")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("reason", equalTo("NOT_RETRYABLE"))
        .body("detail", containsString("is RUNNING"));
    admin()
        .post(API + "/sync-jobs/" + clean + "/retry")
        .then()
        .statusCode(409)
        .body("reason", equalTo("NOT_RETRYABLE"))
        .body("detail", containsString("COMPLETED without errors"));
    admin()
        .queryParam("failedRecordsOnly", "true")
        .post(API + "/sync-jobs/" + failed + "/retry")
        .then()
        .statusCode(409)
        .body("reason", equalTo("NO_FAILED_RECORDS"));
    admin()
        .queryParam("failedRecordsOnly", "maybe")
        .post(API + "/sync-jobs/" + failed + "/retry")
        .then()
        .statusCode(400)
        .body("errors.field", contains("failedRecordsOnly"));
    admin().post(API + "/sync-jobs/" + freshId() + "/retry").then().statusCode(404);
    assertThat(jobRows(dataSource)).isEqualTo(rows);
  }

  @Test
  void showsTheGuidesStatisticsOfAConnection() {
    long connection = publish(connections, connection(freshId()).name("Production SAP"));
    long other = publish(connections, connection(freshId()));
    insertJob(connection, "FULL", "COMPLETED", "'2024-01-14T00:00:00Z'", 0, 0);
    insertJob(connection, "FULL", "COMPLETED", "'2024-01-13T00:00:00Z'", 0, 0);
    insertJob(connection, "INCREMENTAL", "COMPLETED", "'2024-01-15T09:00:00Z'", 0, 0);
    insertJob(connection, "INCREMENTAL", "FAILED", "now() - interval '1 hour'", 0, 15);
    insertJob(connection, "FULL", "FAILED", "now() - interval '23 hours'", 0, 1);
    insertJob(connection, "FULL", "FAILED", "now() - interval '25 hours'", 0, 1);
    insertJob(other, "FULL", "FAILED", "now()", 0, 1);
    insertJob(connection, "SINGLE_RECORD", "COMPLETED", "now()", 150, 2);
    insertLedger(connection, "UNIT", 3);
    insertLedger(connection, "WORK_ORDER", 2);
    insertLedger(connection, "COMPANY", 1);
    insertLedger(other, "UNIT", 4);

    Response response = admin().get(API + "/connections/" + connection + "/sync/statistics");

    response
        .then()
        .statusCode(200)
        .body("connectionId", equalTo((int) connection))
        .body("connectionName", equalTo("Production SAP"))
        .body("lastFullSync", equalTo("2024-01-14T00:00:00"))
        .body("lastIncrementalSync", equalTo("2024-01-15T09:00:00"))
        .body("syncedRecordsByEntity", equalTo(Map.of("UNIT", 3, "WORK_ORDER", 2, "COMPANY", 1)))
        .body("recentFailures", equalTo(2))
        .body("lastJobStatus", equalTo("COMPLETED"))
        .body("lastJobSuccessCount", equalTo(150))
        .body("lastJobErrorCount", equalTo(2));
    for (String field : GUIDE_STATISTICS_FIELDS) {
      response.then().body("$", hasKey(field));
    }
    long fresh = publish(connections, connection(freshId()));
    admin()
        .get(API + "/connections/" + fresh + "/sync/statistics")
        .then()
        .statusCode(200)
        .body("lastFullSync", nullValue())
        .body("syncedRecordsByEntity", equalTo(Map.of()))
        .body("recentFailures", equalTo(0))
        .body("lastJobStatus", nullValue());
  }

  @Test
  void answersTheScheduleStateFromTheJobsAndScheduleTables() {
    long connection = syncableConnection(connections, mappings);
    insertJob(connection, "FULL", "COMPLETED", "'2024-01-14T00:00:00Z'", 0, 0);
    insertJob(connection, "INCREMENTAL", "COMPLETED", "'2024-01-15T09:00:00Z'", 0, 0);
    long active = start(connection, "incremental");
    execute(
        dataSource,
        "INSERT INTO sync_schedule (connection_id, interval_minutes, next_run_at) VALUES ("
            + connection
            + ", 60, '2024-01-15T10:00:00Z')");
    String state = "/api/internal/erp/connections/%d/schedule-state";

    admin()
        .get(state.formatted(connection))
        .then()
        .statusCode(200)
        .body("lastFullSync", equalTo("2024-01-14T00:00:00"))
        .body("lastIncrementalSync", equalTo("2024-01-15T09:00:00"))
        .body("nextScheduledSync", equalTo("2024-01-15T10:00:00"))
        .body("activeJobsCount", equalTo(1))
        .body("activeJobIds", contains((int) active));
    admin()
        .get(state.formatted(freshId()))
        .then()
        .statusCode(200)
        .body("nextScheduledSync", nullValue())
        .body("activeJobsCount", equalTo(0));
  }

  private long start(long connection, String kind) {
    return admin()
        .post(sync(connection, kind))
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  private void insertJob(
      long connection, String type, String status, String completedAt, long ok, long errors) {
    job(connection, type, status)
        .set("success_count", Long.toString(ok))
        .set("error_count", Long.toString(errors))
        .set("started_at", completedAt)
        .set("completed_at", completedAt)
        .insert(dataSource);
  }

  private void insertLedger(long connection, String entity, int rows) {
    execute(
        dataSource,
        "INSERT INTO sync_ledger (connection_id, entity_type, tgm_id, erp_key, base_values,"
            + " base_hash, last_direction) SELECT "
            + connection
            + ", '"
            + entity
            + "', n, '{\"Equipment\":\"K-' || n || '\"}', '{}'::jsonb, 'h', 'INBOUND'"
            + " FROM generate_series(1, "
            + rows
            + ") n");
  }
}
