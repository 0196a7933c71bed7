package com.tgm.erpsync.orchestrator.jobs;

import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.API;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.admin;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.await;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.count;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.execute;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.syncableConnection;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

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

/**
 * The reaper, scheduled every second in tests, marks STALE a job whose last progress is more than
 * two hours old (aged here in the database), and only such a job; it stays retryable.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class StaleJobReaperTest {

  @Inject ConnectionDirectory connections;
  @Inject MappingDirectory mappings;
  @Inject AgroalDataSource dataSource;

  @Test
  void marksAJobWithoutProgressForTwoHoursStaleAndRetryable() {
    long stuckConnection = syncableConnection(connections, mappings);
    long busyConnection = syncableConnection(connections, mappings);
    long stuck = start(stuckConnection);
    long busy = start(busyConnection);
    // aged again until the reaper sees it: the job driver may note progress of its own meanwhile
    await(
        () -> {
          age(stuck, "2 hours 1 minute");
          age(busy, "1 hour 59 minutes");
          return "STALE".equals(status(stuck));
        },
        "job " + stuck + " marked stale");

    assertThat(text(dataSource, "SELECT error_message FROM sync_job WHERE id = " + stuck))
        .isEqualTo("No progress for 2 hours: marked stale");
    assertThat(
            count(
                dataSource,
                "SELECT count(*) FROM sync_job WHERE completed_at IS NOT NULL"
                    + " AND id = "
                    + stuck))
        .isEqualTo(1);
    assertThat(
            count(
                dataSource,
                "SELECT count(*) FROM sync_job_task WHERE status IN ('PENDING', 'RUNNING')"
                    + " AND job_id = "
                    + stuck))
        .isZero();
    assertThat(status(busy)).isNotEqualTo("STALE");
    admin()
        .get(API + "/sync-jobs/" + stuck)
        .then()
        .statusCode(200)
        .body("status", equalTo("STALE"))
        .body("errorMessage", equalTo("No progress for 2 hours: marked stale"));
    admin()
        .post(API + "/sync-jobs/" + stuck + "/retry")
        .then()
        .statusCode(201)
        .body("retryOfJobId", equalTo((int) stuck))
        .body("status", equalTo("RUNNING"));
  }

  private long start(long connection) {
    return admin()
        .post(API + "/connections/" + connection + "/sync/full")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  private void age(long job, String interval) {
    execute(
        dataSource,
        "UPDATE sync_job SET last_progress_at = now() - interval '"
            + interval
            + "' WHERE status = 'RUNNING' AND id = "
            + job);
  }

  private String status(long job) {
    return text(dataSource, "SELECT status FROM sync_job WHERE id = " + job);
  }
}
