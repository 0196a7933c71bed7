package com.tgm.erpsync.orchestrator.rest;

import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.API;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.admin;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.await;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.connection;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.count;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.freshId;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.jobRows;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.mapping;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.publish;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.send;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.syncableConnection;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.tgm.erpsync.contracts.Topics;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Starting syncs at the guide's paths: the job and its tasks, and every refusal (400, 404, 409)
 * with nothing created.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class SyncTriggerApiTest {
  private static final String GUIDE_TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}";

  /** The fields of the guide's "Full Sync" response. */
  static final List<String> GUIDE_JOB_FIELDS =
      List.of(
          "id",
          "erpConnectionId",
          "erpConnectionName",
          "jobType",
          "direction",
          "status",
          "totalRecords",
          "processedRecords",
          "startedAt",
          "createdAt");

  @Inject ConnectionDirectory connections;
  @Inject MappingDirectory mappings;
  @Inject AgroalDataSource dataSource;
  @Inject JobCreatedRecorder created;

  @Test
  void startsAFullSyncWithTheGuidesJsonAndATaskPerMappingAndDirection() {
    long connection = publish(connections, connection(freshId()).name("Production SAP"));
    long unit = publish(mappings, mapping(freshId(), connection, "UNIT"));
    long company =
        publish(
            mappings, mapping(freshId(), connection, "COMPANY").direction("INBOUND").version(3));
    publish(mappings, mapping(freshId(), connection, "WORK_ORDER").syncEnabled(false));
    long location =
        publish(mappings, mapping(freshId(), connection, "LOCATION").direction("OUTBOUND"));

    Response response = admin().post(sync(connection, "full"));

    response
        .then()
        .statusCode(201)
        .contentType("application/json")
        .body("erpConnectionId", equalTo((int) connection))
        .body("erpConnectionName", equalTo("Production SAP"))
        .body("jobType", equalTo("FULL"))
        .body("direction", equalTo("BIDIRECTIONAL"))
        .body("status", equalTo("RUNNING"))
        .body("totalRecords", nullValue())
        .body("processedRecords", equalTo(0))
        .body("startedAt", matchesPattern(GUIDE_TIME))
        .body("createdAt", matchesPattern(GUIDE_TIME))
        .body("triggeredBy", equalTo("alice"));
    for (String field : GUIDE_JOB_FIELDS) {
      response.then().body("$", hasKey(field));
    }
    long job = response.jsonPath().getLong("id");
    assertThat(response.header("Location")).endsWith(API + "/sync-jobs/" + job);
    assertThat(tasks(job)) // mapping, direction, version, entity, ERP entity, status
        .containsExactlyInAnyOrder(
            unit + " INBOUND 1 UNIT UnitSet",
            unit + " OUTBOUND 1 UNIT UnitSet",
            company + " INBOUND 3 COMPANY CompanySet",
            location + " OUTBOUND 1 LOCATION LocationSet");
    assertThat(text(dataSource, "SELECT status FROM sync_job WHERE id = " + job))
        .isEqualTo("RUNNING");
    await(() -> created.committed().contains(job), "JobCreated of job " + job);
  }

  @Test
  void startsAnIncrementalSyncInTheConnectionsDirectionOnly() {
    long connection = publish(connections, connection(freshId()).direction("INBOUND"));
    long unit = publish(mappings, mapping(freshId(), connection, "UNIT"));
    publish(mappings, mapping(freshId(), connection, "LOCATION").direction("OUTBOUND"));

    Response response = admin().post(sync(connection, "incremental"));

    response
        .then()
        .statusCode(201)
        .body("jobType", equalTo("INCREMENTAL"))
        .body("direction", equalTo("INBOUND"))
        .body("status", equalTo("RUNNING"));
    assertThat(tasks(response.jsonPath().getLong("id")))
        .containsExactly(unit + " INBOUND 1 UNIT UnitSet");
  }

  @Test
  void refusesASecondBulkSyncNamingTheRunningJob() {
    long connection = syncableConnection(connections, mappings);
    long running =
        admin()
            .post(sync(connection, "full"))
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    long rows = jobRows(dataSource);

    for (String kind : List.of("full", "incremental")) {
      admin()
          .post(sync(connection, kind))
          .then()
          .statusCode(409)
          .contentType("application/problem+json")
          .body("reason", equalTo("JOB_RUNNING"))
          .body("runningJobId", equalTo((int) running))
          .body("detail", containsString("sync job " + running));
    }
    assertThat(jobRows(dataSource)).isEqualTo(rows);

    admin()
        .queryParam("entityType", "UNIT")
        .queryParam("recordId", "456")
        .post(sync(connection, "entity"))
        .then()
        .statusCode(201);
  }

  @Test
  void startsExactlyOneJobWhenTwoFullSyncsRace() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        long connection = syncableConnection(connections, mappings);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          answers.add(
              threads.submit(
                  () -> {
                    start.await();
                    return admin().post(sync(connection, "full"));
                  }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Response> answer : answers) {
          statuses.add(answer.get(30, TimeUnit.SECONDS).statusCode());
        }

        assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        assertThat(
                count(
                    dataSource,
                    "SELECT count(*) FROM sync_job WHERE connection_id = " + connection))
            .isEqualTo(1);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void answersNotFoundForAConnectionNobodyPublished() {
    long unknown = freshId();
    long rows = jobRows(dataSource);

    for (String kind : List.of("full", "incremental")) {
      admin()
          .post(sync(unknown, kind))
          .then()
          .statusCode(404)
          .contentType("application/problem+json")
          .body("detail", containsString("Connection " + unknown + " does not exist"));
    }
    admin()
        .queryParam("entityType", "UNIT")
        .queryParam("recordId", "456")
        .post(sync(unknown, "entity"))
        .then()
        .statusCode(404);
    admin().get(API + "/connections/" + unknown + "/sync-jobs").then().statusCode(404);
    admin().get(API + "/connections/" + unknown + "/sync/statistics").then().statusCode(404);
    assertThat(jobRows(dataSource)).isEqualTo(rows);
  }

  @Test
  void refusesToSyncADisabledConnection() {
    long connection = publish(connections, connection(freshId()).enabled(false));
    publish(mappings, mapping(freshId(), connection, "UNIT"));

    assertRefusedEveryWay(connection, "CONNECTION_DISABLED", "is disabled");
  }

  @Test
  void refusesToSyncAConnectionWhoseSyncIsDisabled() {
    long connection = publish(connections, connection(freshId()).syncEnabled(false));
    publish(mappings, mapping(freshId(), connection, "UNIT"));

    assertRefusedEveryWay(connection, "SYNC_DISABLED", "Sync is disabled");
  }

  @Test
  void refusesABulkSyncWithoutAnEnabledMappingForItsDirection() {
    long connection = publish(connections, connection(freshId()).direction("OUTBOUND"));
    publish(mappings, mapping(freshId(), connection, "UNIT").direction("INBOUND"));
    publish(mappings, mapping(freshId(), connection, "COMPANY").syncEnabled(false));
    long rows = jobRows(dataSource);

    for (String kind : List.of("full", "incremental")) {
      admin()
          .post(sync(connection, kind))
          .then()
          .statusCode(409)
          .contentType("application/problem+json")
          .body("reason", equalTo("NO_ENABLED_MAPPING"))
          .body("detail", containsString("no enabled mapping that syncs OUTBOUND"));
    }
    assertThat(jobRows(dataSource)).isEqualTo(rows);
  }

  @Test
  void seesAMappingPublishedAMomentBeforeTheSync() {
    long connection = publish(connections, connection(freshId()));
    long unit = freshId();

    // no wait for the directory: the sync itself must see what was published before it
    send(Topics.MAPPINGS, unit, mappingJson(unit, connection));

    admin().post(sync(connection, "full")).then().statusCode(201);
  }

  @Test
  void syncsOneRecordOutboundByDefault() {
    long connection = publish(connections, connection(freshId()));
    long unit = publish(mappings, mapping(freshId(), connection, "UNIT"));

    Response response =
        admin()
            .queryParam("entityType", "UNIT")
            .queryParam("recordId", "456")
            .post(sync(connection, "entity"));

    response
        .then()
        .statusCode(201)
        .body("jobType", equalTo("SINGLE_RECORD"))
        .body("direction", equalTo("OUTBOUND"))
        .body("status", equalTo("RUNNING"))
        .body("entityType", equalTo("UNIT"))
        .body("recordId", equalTo("456"));
    for (String field : GUIDE_JOB_FIELDS) {
      response.then().body("$", hasKey(field));
    }
    assertThat(tasks(response.jsonPath().getLong("id")))
        .containsExactly(unit + " OUTBOUND 1 UNIT UnitSet");
  }

  @Test
  void syncsOneRecordInboundByItsErpKey() {
    long connection = publish(connections, connection(freshId()));
    publish(mappings, mapping(freshId(), connection, "UNIT"));
    long company =
        publish(mappings, mapping(freshId(), connection, "COMPANY").direction("INBOUND"));

    admin()
        .queryParam("entityType", "UNIT")
        .queryParam("recordId", "EQ-10000045")
        .queryParam("direction", "INBOUND")
        .post(sync(connection, "entity"))
        .then()
        .statusCode(201)
        .body("direction", equalTo("INBOUND"))
        .body("recordId", equalTo("EQ-10000045"));
    Response inboundOnly =
        admin()
            .queryParam("entityType", "COMPANY")
            .queryParam("recordId", "BP-1")
            .post(sync(connection, "entity"));

    inboundOnly.then().statusCode(201).body("direction", equalTo("INBOUND"));
    assertThat(tasks(inboundOnly.jsonPath().getLong("id")))
        .containsExactly(company + " INBOUND 1 COMPANY CompanySet");
  }

  /** query, parameters named in the 400. */
  static Stream<Arguments> badSingleRecordSyncs() {
    return Stream.of(
        Arguments.of(new String[] {}, List.of("entityType", "recordId")),
        Arguments.of(new String[] {"entityType", "PUMP", "recordId", "1"}, List.of("entityType")),
        Arguments.of(
            new String[] {"entityType", "INVOICE", "recordId", "1"}, List.of("entityType")),
        Arguments.of(
            new String[] {"entityType", "WORK_ORDER", "recordId", "1"}, List.of("entityType")),
        Arguments.of(
            new String[] {"entityType", "UNIT", "recordId", "1", "direction", "BIDIRECTIONAL"},
            List.of("direction")),
        Arguments.of(
            new String[] {"entityType", "UNIT", "recordId", "1", "direction", "sideways"},
            List.of("direction")),
        Arguments.of(
            new String[] {"entityType", "LOCATION", "recordId", "1", "direction", "INBOUND"},
            List.of("direction")),
        Arguments.of(new String[] {"entityType", "UNIT", "recordId", "abc"}, List.of("recordId")),
        Arguments.of(new String[] {"entityType", "UNIT", "recordId", "-5"}, List.of("recordId")),
        Arguments.of(
            new String[] {"entityType", "UNIT", "recordId", "9".repeat(501)}, List.of("recordId")),
        Arguments.of(
            new String[] {"entityType", "PUMP", "direction", "up"},
            List.of("entityType", "direction", "recordId")));
  }

  @ParameterizedTest
  @MethodSource("badSingleRecordSyncs")
  void namesEveryBadParameterOfASingleRecordSync(String[] query, List<String> named) {
    long connection = publish(connections, connection(freshId()));
    publish(mappings, mapping(freshId(), connection, "UNIT"));
    publish(mappings, mapping(freshId(), connection, "WORK_ORDER").syncEnabled(false));
    publish(mappings, mapping(freshId(), connection, "LOCATION").direction("OUTBOUND"));
    long rows = jobRows(dataSource);
    var request = admin();
    for (int i = 0; i < query.length; i += 2) {
      request.queryParam(query[i], query[i + 1]);
    }

    request
        .post(sync(connection, "entity"))
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", containsInAnyOrder(named.toArray()))
        .body(not(containsString("Exception")));
    assertThat(jobRows(dataSource)).isEqualTo(rows);
  }

  private void assertRefusedEveryWay(long connection, String reason, String detail) {
    long rows = jobRows(dataSource);
    for (String kind : List.of("full", "incremental")) {
      admin()
          .post(sync(connection, kind))
          .then()
          .statusCode(409)
          .contentType("application/problem+json")
          .body("reason", equalTo(reason))
          .body("detail", containsString(detail));
    }
    admin()
        .queryParam("entityType", "UNIT")
        .queryParam("recordId", "456")
        .post(sync(connection, "entity"))
        .then()
        .statusCode(409)
        .body("reason", equalTo(reason));
    assertThat(jobRows(dataSource)).isEqualTo(rows);
  }

  private List<String> tasks(long job) {
    List<String> tasks = new ArrayList<>();
    try (var connection = dataSource.getConnection();
        var statement =
            connection.prepareStatement(
                "SELECT mapping_id, direction, mapping_version, entity_type, erp_entity_name"
                    + " FROM sync_job_task WHERE job_id = ?")) {
      statement.setLong(1, job);
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          tasks.add(
              rows.getLong(1)
                  + " "
                  + rows.getString(2)
                  + " "
                  + rows.getLong(3)
                  + " "
                  + rows.getString(4)
                  + " "
                  + rows.getString(5));
        }
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return tasks;
  }

  static String sync(long connection, String kind) {
    return API + "/connections/" + connection + "/sync/" + kind;
  }

  private static String mappingJson(long id, long connection) {
    return """
    {"type": "MappingSnapshot",
     "meta": {"schemaVersion": 1, "messageId": "m-%d", "correlationId": "c",
              "occurredAt": "2024-01-15T10:30:00Z"},
     "id": %d, "connectionId": %d, "tgmEntityType": "UNIT", "erpEntityName": "Equipment",
     "syncEnabled": true, "syncDirection": "BIDIRECTIONAL", "batchSize": 100,
     "fieldMappings": [], "version": 1, "updatedAt": "2024-01-15T10:30:00Z"}
    """
        .formatted(id, id, connection);
  }
}
