package com.tgm.erpsync.orchestrator.schedule;

import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.API;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.admin;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.await;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.count;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.deleteConnection;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.execute;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.freshId;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.mapping;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.text;
import static com.tgm.erpsync.orchestrator.schedule.ScheduleFixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.tgm.erpsync.orchestrator.directory.ConnectionDirectory;
import com.tgm.erpsync.orchestrator.directory.MappingDirectory;
import com.tgm.erpsync.orchestrator.jobs.SyncFixtures;
import com.tgm.erpsync.orchestrator.schedule.ScheduleFixtures.Scheduled;
import com.tgm.erpsync.orchestrator.schedule.ScheduledRun.Outcome;
import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scheduled syncs on one replica: sync_schedule follows the connections on erp.connections, a due
 * run starts one INCREMENTAL job triggered by "schedule" and moves on by whole intervals, a run is
 * skipped while a sync of the connection still runs, and a refused run waits for the next one. The
 * ticker is off in tests ({@code %test.orchestrator.schedule.enabled=false}): each test ticks
 * itself, and due times are forced in the table.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class SyncSchedulerTest {

  @Inject ConnectionDirectory connections;
  @Inject MappingDirectory mappings;
  @Inject SyncScheduler scheduler;
  @Inject ScheduleRepository schedules;
  @Inject AgroalDataSource dataSource;

  @Test
  void keepsARowForEveryConnectionThatIsEnabledSyncsAndHasAnInterval() {
    Instant before = dbNow();
    Scheduled scheduled = publish(connections, Scheduled.every(freshId(), 30));
    Scheduled disabled = publish(connections, new Scheduled(freshId(), "Off", false, true, 30, 1));
    Scheduled syncOff =
        publish(connections, new Scheduled(freshId(), "No sync", true, false, 30, 1));
    Scheduled noInterval =
        publish(connections, new Scheduled(freshId(), "No interval", true, true, 0, 1));

    scheduler.tick();
    Instant after = dbNow();

    ScheduleRow row = schedules.find(scheduled.id()).orElseThrow();
    assertThat(row.intervalMinutes()).isEqualTo(30);
    assertThat(row.connectionVersion()).isEqualTo(1);
    assertThat(row.nextRunAt())
        .isBetween(before.plus(Duration.ofMinutes(30)), after.plus(Duration.ofMinutes(30)));
    assertThat(row.lastFiredAt()).isNull();
    assertThat(row.lastJobId()).isNull();
    for (Scheduled none : List.of(disabled, syncOff, noInterval)) {
      assertThat(schedules.find(none.id())).as("connection %d", none.id()).isEmpty();
    }
    // the schedule state shows exactly the row's next run
    admin()
        .get("/api/internal/erp/connections/" + scheduled.id() + "/schedule-state")
        .then()
        .statusCode(200)
        .body("nextScheduledSync", equalTo(utc(row.nextRunAt())));
  }

  @Test
  void firesADueRunOnceAndMovesItOnByWholeIntervalsFromThePlannedTime() {
    Scheduled connection = syncable(30);
    scheduler.tick();
    Instant planned = forceDue(connection.id(), "95 minutes");

    List<ScheduledRun> runs = runsOf(connection.id(), scheduler.tick());

    assertThat(runs).hasSize(1);
    ScheduledRun run = runs.get(0);
    assertThat(run.outcome()).isEqualTo(Outcome.STARTED);
    // 95 minutes late: the three missed runs are skipped, the next is the fourth after the plan
    ScheduleRow row = schedules.find(connection.id()).orElseThrow();
    assertThat(row.nextRunAt()).isEqualTo(planned.plus(Duration.ofMinutes(120)));
    assertThat(run.nextRunAt()).isEqualTo(row.nextRunAt());
    assertThat(row.lastJobId()).isEqualTo(run.jobId());
    assertThat(row.lastFiredAt()).isNotNull();
    assertThat(scheduledJobs(connection.id())).isEqualTo(1);
    admin()
        .get(API + "/sync-jobs/" + run.jobId())
        .then()
        .statusCode(200)
        .body("jobType", equalTo("INCREMENTAL"))
        .body("status", equalTo("RUNNING"))
        .body("triggeredBy", equalTo("schedule"))
        .body("erpConnectionId", equalTo((int) connection.id()));
    admin()
        .get("/api/internal/erp/connections/" + connection.id() + "/schedule-state")
        .then()
        .statusCode(200)
        .body("nextScheduledSync", equalTo(utc(row.nextRunAt())));

    // not due any more: the next tick leaves it alone
    assertThat(runsOf(connection.id(), scheduler.tick())).isEmpty();
    assertThat(scheduledJobs(connection.id())).isEqualTo(1);
  }

  @Test
  void skipsARunWhileASyncOfTheConnectionStillRunsAndFiresTheNextOne() {
    Scheduled connection = syncable(60);
    scheduler.tick();
    long running =
        admin()
            .post(API + "/connections/" + connection.id() + "/sync/full")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    Instant planned = forceDue(connection.id(), "1 minute");

    List<ScheduledRun> skipped = runsOf(connection.id(), scheduler.tick());

    assertThat(skipped).hasSize(1);
    assertThat(skipped.get(0).outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(skipped.get(0).jobId()).isEqualTo(running);
    assertThat(scheduledJobs(connection.id())).isZero();
    assertThat(schedules.find(connection.id()).orElseThrow().nextRunAt())
        .isEqualTo(planned.plus(Duration.ofMinutes(60)));

    admin().post(API + "/sync-jobs/" + running + "/cancel").then().statusCode(200);
    forceDue(connection.id(), "1 minute");

    List<ScheduledRun> fired = runsOf(connection.id(), scheduler.tick());
    assertThat(fired).extracting(ScheduledRun::outcome).containsExactly(Outcome.STARTED);
    assertThat(scheduledJobs(connection.id())).isEqualTo(1);
  }

  @Test
  void logsARefusedRunAndWaitsForTheNextPlannedOneInsteadOfRetrying() {
    // scheduled, but without any mapping: a sync has nothing to do
    Scheduled connection = publish(connections, Scheduled.every(freshId(), 45));
    scheduler.tick();
    Instant planned = forceDue(connection.id(), "10 seconds");

    List<ScheduledRun> refused = runsOf(connection.id(), scheduler.tick());

    assertThat(refused).hasSize(1);
    assertThat(refused.get(0).outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(refused.get(0).reason()).contains("no enabled mapping");
    ScheduleRow row = schedules.find(connection.id()).orElseThrow();
    assertThat(row.nextRunAt()).isEqualTo(planned.plus(Duration.ofMinutes(45)));
    assertThat(row.lastJobId()).isNull();
    assertThat(runsOf(connection.id(), scheduler.tick())).isEmpty();
    assertThat(
            count(
                dataSource,
                "SELECT count(*) FROM sync_job WHERE connection_id = " + connection.id()))
        .isZero();
  }

  @Test
  void rePlansTheNextRunWhenTheIntervalChangesAndKeepsItOtherwise() {
    Scheduled hourly = syncable(60);
    scheduler.tick();
    Instant firstPlan = schedules.find(hourly.id()).orElseThrow().nextRunAt();

    // another setting changes: the plan stays
    Scheduled renamed = publish(connections, hourly.renamed("Production SAP " + hourly.id()));
    scheduler.tick();
    ScheduleRow kept = schedules.find(hourly.id()).orElseThrow();
    assertThat(kept.nextRunAt()).isEqualTo(firstPlan);
    assertThat(kept.connectionVersion()).isEqualTo(renamed.version());

    // every 15 minutes now: counted from the last planned run (one hour before the next one)
    Scheduled quarterly = publish(connections, renamed.next(true, true, 15));
    scheduler.tick();
    ScheduleRow replanned = schedules.find(hourly.id()).orElseThrow();
    assertThat(replanned.intervalMinutes()).isEqualTo(15);
    assertThat(replanned.nextRunAt()).isEqualTo(firstPlan.minus(Duration.ofMinutes(45)));
    assertThat(replanned.connectionVersion()).isEqualTo(quarterly.version());

    // a replica still reading the hourly snapshot leaves the newer plan alone
    schedules.plan(hourly.id(), 60, renamed.version());
    assertThat(schedules.find(hourly.id()).orElseThrow()).isEqualTo(replanned);
  }

  @Test
  void neverPlansAChangedIntervalIntoThePast() {
    Scheduled daily = syncable(24 * 60);
    scheduler.tick();
    forceDue(daily.id(), "-30 minutes"); // due in 30 minutes, planned 23.5 hours ago

    Instant before = dbNow();
    publish(connections, daily.next(true, true, 60));
    scheduler.reconcile();

    // an hour after the last planned run is long past: due now, taken by the next tick
    ScheduleRow row = schedules.find(daily.id()).orElseThrow();
    assertThat(row.nextRunAt()).isAfterOrEqualTo(before).isBeforeOrEqualTo(dbNow());
    assertThat(runsOf(daily.id(), scheduler.fireDue()))
        .extracting(ScheduledRun::outcome)
        .containsExactly(Outcome.STARTED);
  }

  @Test
  void removesTheRowOfADisabledConnectionAndOfADeletedOne() {
    Scheduled toDisable = syncable(30);
    Scheduled toStopSyncing = syncable(30);
    Scheduled toDelete = syncable(30);
    scheduler.tick();
    assertThat(schedules.find(toDisable.id())).isPresent();
    assertThat(schedules.find(toStopSyncing.id())).isPresent();
    assertThat(schedules.find(toDelete.id())).isPresent();

    publish(connections, toDisable.next(false, true, 30));
    publish(connections, toStopSyncing.next(true, false, 30));
    // a tombstone removes the row at once, before any tick
    deleteConnection(connections, toDelete.id());
    await(() -> schedules.find(toDelete.id()).isEmpty(), "schedule of " + toDelete.id() + " gone");
    scheduler.tick();

    assertThat(schedules.find(toDisable.id())).isEmpty();
    assertThat(schedules.find(toStopSyncing.id())).isEmpty();

    // enabled again: a new plan, one interval from now
    Instant before = dbNow();
    publish(connections, toDisable.next(false, true, 30).next(true, true, 30));
    scheduler.tick();
    assertThat(schedules.find(toDisable.id()).orElseThrow().nextRunAt())
        .isBetween(before.plus(Duration.ofMinutes(30)), dbNow().plus(Duration.ofMinutes(30)));
  }

  @Test
  void leavesAConnectionDisabledMeanwhileUnsyncedWhenItsRunComesDue() {
    Scheduled connection = syncable(30);
    scheduler.tick();
    // disabled between two ticks, its row still there when the run is taken
    publish(connections, connection.next(false, true, 30));
    forceDue(connection.id(), "1 minute");

    List<ScheduledRun> runs = runsOf(connection.id(), scheduler.fireDue());

    assertThat(runs).extracting(ScheduledRun::outcome).containsExactly(Outcome.REFUSED);
    assertThat(runs.get(0).reason()).contains("is disabled");
    assertThat(scheduledJobs(connection.id())).isZero();
    scheduler.reconcile();
    assertThat(schedules.find(connection.id())).isEmpty();
  }

  /** A scheduled connection with an enabled mapping of UNIT. */
  private Scheduled syncable(int minutes) {
    Scheduled connection = publish(connections, Scheduled.every(freshId(), minutes));
    SyncFixtures.publish(mappings, mapping(freshId(), connection.id(), "UNIT"));
    return connection;
  }

  /** Makes the connection's next run {@code ago} in the past, to the second; returns it. */
  private Instant forceDue(long connectionId, String ago) {
    execute(
        dataSource,
        "UPDATE sync_schedule SET next_run_at = date_trunc('second', now()) - interval '"
            + ago
            + "' WHERE connection_id = "
            + connectionId);
    return schedules.find(connectionId).orElseThrow().nextRunAt();
  }

  private long scheduledJobs(long connectionId) {
    return count(
        dataSource,
        "SELECT count(*) FROM sync_job WHERE job_type = 'INCREMENTAL'"
            + " AND triggered_by = 'schedule' AND connection_id = "
            + connectionId);
  }

  private Instant dbNow() {
    return Instant.parse(
        text(
            dataSource,
            "SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"));
  }

  private static List<ScheduledRun> runsOf(long connectionId, List<ScheduledRun> runs) {
    return runs.stream().filter(run -> run.connectionId() == connectionId).toList();
  }

  private static String utc(Instant instant) {
    return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
        LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC));
  }
}
