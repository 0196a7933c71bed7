package com.tgm.erpsync.orchestrator.jobs;

import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.API;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.admin;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.await;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.count;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.deleteConnection;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.syncableConnection;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

import com.tgm.erpsync.orchestrator.directory.ConnectionDirectory;
import com.tgm.erpsync.orchestrator.directory.MappingDirectory;
import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Nothing keeps running against a deleted connection: its tombstone cancels its active jobs. */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class ConnectionTombstoneTest {

  @Inject ConnectionDirectory connections;
  @Inject MappingDirectory mappings;
  @Inject AgroalDataSource dataSource;

  @Test
  void cancelsTheActiveJobsOfADeletedConnection() {
    long doomed = syncableConnection(connections, mappings);
    long kept = syncableConnection(connections, mappings);
    long finished = SyncFixtures.job(doomed, "FULL", "COMPLETED").insert(dataSource);
    long full = start(doomed, "full");
    // inbound: it waits for the ERP's answer, so it is still active when the tombstone comes
    long single = start(doomed, "entity?entityType=UNIT&recordId=EQ-1&direction=INBOUND");
    long elsewhere = start(kept, "full");

    deleteConnection(connections, doomed);

    await(
        () -> "CANCELLED".equals(status(full)) && "CANCELLED".equals(status(single)),
        "jobs of connection " + doomed + " cancelled");
    for (long job : new long[] {full, single}) {
      assertThat(text(dataSource, "SELECT error_message FROM sync_job WHERE id = " + job))
          .isEqualTo(SyncJobService.CONNECTION_DELETED);
      assertThat(
              count(
                  dataSource,
                  "SELECT count(*) FROM sync_job_task WHERE status IN ('PENDING', 'RUNNING')"
                      + " AND job_id = "
                      + job))
          .isZero();
    }
    assertThat(status(finished)).isEqualTo("COMPLETED");
    assertThat(status(elsewhere)).isEqualTo("RUNNING");
    admin().post(API + "/connections/" + doomed + "/sync/full").then().statusCode(404);
    // its history stays readable
    admin()
        .get(API + "/connections/" + doomed + "/sync-jobs")
        .then()
        .statusCode(200)
        .body("id", contains((int) single, (int) full, (int) finished));
  }

  private long start(long connection, String kind) {
    return admin()
        .post(API + "/connections/" + connection + "/sync/" + kind)
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  private String status(long job) {
    return text(dataSource, "SELECT status FROM sync_job WHERE id = " + job);
  }
}
