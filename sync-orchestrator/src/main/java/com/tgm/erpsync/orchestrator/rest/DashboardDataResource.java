package com.tgm.erpsync.orchestrator.rest;

import com.tgm.erpsync.contracts.JobType;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.orchestrator.directory.ConnectionDirectory;
import com.tgm.erpsync.orchestrator.jobs.JobsConfig;
import com.tgm.erpsync.orchestrator.jobs.Page;
import com.tgm.erpsync.orchestrator.jobs.SyncJob;
import com.tgm.erpsync.orchestrator.jobs.SyncJobRepository;
import com.tgm.erpsync.orchestrator.rest.DashboardData.ConnectionSyncs;
import com.tgm.erpsync.orchestrator.rest.DashboardData.FailedJob;
import com.tgm.erpsync.orchestrator.rest.DashboardData.RunningJob;
import com.tgm.erpsync.orchestrator.rest.DashboardData.UpcomingSync;
import com.tgm.erpsync.orchestrator.schedule.ScheduleRepository;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Internal API for connection-service's dashboard, which calls it with the admin caller's token:
 * the orchestrator owns jobs and schedules, connection-service the connections and their status.
 */
@Path("/api/internal/erp/dashboard-data")
@RolesAllowed("${tgm.admin.role}")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardDataResource {
  /** The only kind of sync a schedule starts. */
  static final String SCHEDULED_SYNC_TYPE = JobType.INCREMENTAL.name();

  private final SyncJobRepository jobs;
  private final DashboardDataRepository dashboard;
  private final ScheduleRepository schedules;
  private final ConnectionDirectory connections;
  private final JobsConfig jobsConfig;
  private final DashboardDataConfig config;

  public DashboardDataResource(
      SyncJobRepository jobs,
      DashboardDataRepository dashboard,
      ScheduleRepository schedules,
      ConnectionDirectory connections,
      JobsConfig jobsConfig,
      DashboardDataConfig config) {
    this.jobs = jobs;
    this.dashboard = dashboard;
    this.schedules = schedules;
    this.connections = connections;
    this.jobsConfig = jobsConfig;
    this.config = config;
  }

  @GET
  public DashboardData dashboardData() {
    int limit = config.listLimit();
    Page<SyncJob> running = jobs.active(0, limit);
    List<RunningJob> runningJobs =
        running.items().stream()
            .map(
                job ->
                    new RunningJob(
                        job.id(),
                        job.connectionId(),
                        job.connectionName(),
                        job.jobType().name(),
                        job.status().name(),
                        job.progressPercent(),
                        job.processedRecords(),
                        job.totalRecords(),
                        utc(job.startedAt() != null ? job.startedAt() : job.createdAt())))
            .toList();
    List<FailedJob> failed =
        dashboard.recentlyFailed(jobsConfig.recentFailuresWindow(), limit).stream()
            .map(
                job ->
                    new FailedJob(
                        job.id(),
                        job.connectionId(),
                        job.connectionName(),
                        job.jobType(),
                        job.status(),
                        job.errorCode(),
                        job.errorMessage(),
                        job.errorCount(),
                        utc(job.completedAt()),
                        !JobType.REALTIME.name().equals(job.jobType())
                            && connections.find(job.connectionId()).isPresent()))
            .toList();
    List<Long> known = connections.all().stream().map(ConnectionSnapshot::id).toList();
    List<ConnectionSyncs> health =
        dashboard.connections(known, jobsConfig.recentFailuresWindow()).stream()
            .map(
                row ->
                    new ConnectionSyncs(
                        row.connectionId(),
                        utc(row.lastSuccessfulSync()),
                        row.lastSyncStatus(),
                        row.recentErrors()))
            .toList();
    List<UpcomingSync> upcoming =
        schedules.upcoming(limit).stream()
            .map(
                row ->
                    new UpcomingSync(
                        row.connectionId(),
                        connections
                            .find(row.connectionId())
                            .map(ConnectionSnapshot::name)
                            .orElse(null),
                        SCHEDULED_SYNC_TYPE,
                        utc(row.nextRunAt())))
            .toList();
    return new DashboardData(
        utc(Instant.now()), running.total(), runningJobs, failed, health, upcoming);
  }

  /** UTC to the second, as the guide shows times: 2024-01-15T10:30:00. */
  private static LocalDateTime utc(Instant instant) {
    return instant == null
        ? null
        : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
  }
}
