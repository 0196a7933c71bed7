package com.tgm.erpsync.connection.edge;

import com.tgm.erpsync.connection.edge.DashboardResponse.ConnectionHealth;
import com.tgm.erpsync.connection.edge.DashboardResponse.FailedJob;
import com.tgm.erpsync.connection.edge.DashboardResponse.HealthStatus;
import com.tgm.erpsync.connection.edge.DashboardResponse.RunningJob;
import com.tgm.erpsync.connection.edge.DashboardResponse.UpcomingSync;
import com.tgm.erpsync.connection.repository.ConnectionEntity;
import com.tgm.erpsync.connection.repository.ConnectionRepository;
import com.tgm.erpsync.connection.service.Durations;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The guide's dashboard, composed at the edge: connections and their tested status are this
 * service's, jobs and schedules sync-orchestrator's (asked first: when it cannot answer, neither
 * can the dashboard). Names are the connections' current ones; durations count from {@code
 * generatedAt}.
 */
@ApplicationScoped
public class DashboardService {
  static final String CONNECTED = "CONNECTED";
  static final String ERROR = "ERROR";

  private final SyncOrchestrator orchestrator;
  private final ConnectionRepository connections;
  private final Clock clock = Clock.systemUTC();

  public DashboardService(SyncOrchestrator orchestrator, ConnectionRepository connections) {
    this.orchestrator = orchestrator;
    this.connections = connections;
  }

  /**
   * @throws DownstreamException when sync-orchestrator cannot give its half (503, 504 or 502)
   */
  public DashboardResponse dashboard() {
    DashboardData data = orchestrator.dashboardData();
    List<ConnectionEntity> all = connections.listInOrder();
    LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    Map<Long, ConnectionEntity> byId =
        all.stream().collect(Collectors.toMap(c -> c.id, Function.identity()));
    Map<Long, DashboardData.ConnectionSyncs> syncs =
        data.connections().stream()
            .collect(
                Collectors.toMap(
                    DashboardData.ConnectionSyncs::connectionId, Function.identity(), (a, b) -> a));

    List<RunningJob> running =
        data.runningJobs().stream()
            .map(
                job ->
                    new RunningJob(
                        job.jobId(),
                        job.connectionId(),
                        nameOf(byId, job.connectionId(), job.connectionName()),
                        job.jobType(),
                        job.progressPercent(),
                        job.processedRecords(),
                        job.totalRecords(),
                        job.startedAt(),
                        job.startedAt() == null ? null : runningFor(job.startedAt(), now)))
            .toList();
    List<FailedJob> failed =
        data.recentFailedJobs().stream()
            .map(
                job ->
                    new FailedJob(
                        job.jobId(),
                        job.connectionId(),
                        nameOf(byId, job.connectionId(), job.connectionName()),
                        job.jobType(),
                        job.errorMessage(),
                        job.errorCount(),
                        job.failedAt(),
                        // a deleted connection's job cannot be retried
                        job.isRetryable() && byId.containsKey(job.connectionId())))
            .toList();
    List<ConnectionHealth> health =
        all.stream().map(connection -> health(connection, syncs.get(connection.id))).toList();
    List<UpcomingSync> upcoming =
        data.upcomingSyncs().stream()
            // a schedule turned off a moment ago may still be listed until the orchestrator's tick
            .filter(sync -> isScheduled(byId.get(sync.connectionId())))
            .map(
                sync ->
                    new UpcomingSync(
                        sync.connectionId(),
                        byId.get(sync.connectionId()).name,
                        sync.syncType(),
                        sync.nextSyncAt(),
                        sync.nextSyncAt() == null
                            ? null
                            : Durations.until(Duration.between(now, sync.nextSyncAt()))))
            .toList();

    return new DashboardResponse(
        all.size(),
        all.stream().filter(c -> c.enabled).count(),
        all.stream().filter(c -> c.enabled && CONNECTED.equals(c.connectionStatus)).count(),
        all.stream().filter(c -> c.enabled && ERROR.equals(c.connectionStatus)).count(),
        data.runningJobsCount(),
        running,
        failed,
        health,
        upcoming,
        now);
  }

  private static ConnectionHealth health(
      ConnectionEntity connection, DashboardData.ConnectionSyncs syncs) {
    long recentErrors = syncs == null ? 0 : syncs.recentErrorCount();
    return new ConnectionHealth(
        connection.id,
        connection.name,
        connection.erpType == null ? null : connection.erpType.name(),
        connection.connectionStatus,
        syncs == null ? null : syncs.lastSuccessfulSync(),
        recentErrors,
        healthStatus(
            connection.enabled,
            connection.connectionStatus,
            syncs == null ? null : syncs.lastSyncStatus(),
            recentErrors));
  }

  /**
   * DISABLED when the connection is; UNHEALTHY when its test failed or its last full or incremental
   * sync FAILED or went STALE; DEGRADED when it is not tested yet or had errors in the last 24
   * hours; else HEALTHY.
   */
  static HealthStatus healthStatus(
      boolean enabled, String connectionStatus, String lastSyncStatus, long recentErrorCount) {
    if (!enabled) {
      return HealthStatus.DISABLED;
    }
    if (ERROR.equals(connectionStatus)
        || "FAILED".equals(lastSyncStatus)
        || "STALE".equals(lastSyncStatus)) {
      return HealthStatus.UNHEALTHY;
    }
    if (!CONNECTED.equals(connectionStatus) || recentErrorCount > 0) {
      return HealthStatus.DEGRADED;
    }
    return HealthStatus.HEALTHY;
  }

  /** Whole minutes since the start, rounded down: "less than a minute", "1 hour 5 minutes". */
  static String runningFor(LocalDateTime startedAt, LocalDateTime now) {
    return Durations.ofMinutes(Math.max(0, Duration.between(startedAt, now).toMinutes()));
  }

  private static boolean isScheduled(ConnectionEntity connection) {
    return connection != null
        && connection.enabled
        && connection.syncEnabled
        && connection.syncIntervalMinutes > 0;
  }

  private static String nameOf(Map<Long, ConnectionEntity> byId, long id, String asRecorded) {
    ConnectionEntity connection = byId.get(id);
    return connection != null ? connection.name : asRecorded;
  }
}
