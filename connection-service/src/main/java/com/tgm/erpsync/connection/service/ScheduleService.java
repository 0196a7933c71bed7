package com.tgm.erpsync.connection.service;

import com.tgm.erpsync.connection.edge.DownstreamException;
import com.tgm.erpsync.connection.edge.ScheduleState;
import com.tgm.erpsync.connection.edge.SyncOrchestrator;
import com.tgm.erpsync.connection.repository.ConnectionEntity;
import com.tgm.erpsync.connection.rest.ConnectionRequest;
import com.tgm.erpsync.connection.rest.Problem.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

/**
 * A connection's sync schedule. Its settings (syncEnabled, interval, webhooks, retries, rate limit)
 * belong to the connection and change through the same validated, published update; what has
 * happened and what runs now (last syncs, next run, active jobs) belongs to sync-orchestrator.
 */
@ApplicationScoped
public class ScheduleService {
  /** Business events: the guide's "grep ErpSync logs/application.log" finds them. */
  private static final Logger LOG = Logger.getLogger("ErpSync.schedules");

  private final ConnectionService connections;
  private final SyncOrchestrator orchestrator;

  public ScheduleService(ConnectionService connections, SyncOrchestrator orchestrator) {
    this.connections = connections;
    this.orchestrator = orchestrator;
  }

  /** The stored settings and the orchestrator's state, or why the state is missing. */
  public record Schedule(
      ConnectionEntity connection, Optional<ScheduleState> state, String stateUnavailableReason) {}

  public Schedule get(long id) {
    ConnectionEntity connection = connections.get(id);
    try {
      return new Schedule(connection, Optional.of(orchestrator.scheduleState(id)), null);
    } catch (DownstreamException e) {
      LOG.warnf("ERP schedule of connection %d shown without live state: %s", id, e.getMessage());
      return new Schedule(connection, Optional.empty(), e.getMessage());
    }
  }

  /** Changes the fields the request names; the others keep their value. */
  public Schedule update(long id, ScheduleSettings settings) {
    connections.update(id, settings.asConnectionUpdate());
    return get(id);
  }

  /** Turns scheduled syncs on, with a new interval when one is given. */
  public Schedule enable(long id, Integer intervalMinutes) {
    if (intervalMinutes != null
        && (intervalMinutes < 1 || intervalMinutes > ConnectionValidator.MAX_INTERVAL_MINUTES)) {
      throw new InvalidInputException(
          List.of(
              new FieldError(
                  "intervalMinutes",
                  "must be between 1 and " + ConnectionValidator.MAX_INTERVAL_MINUTES)));
    }
    return update(id, new ScheduleSettings(true, intervalMinutes, null, null, null, null, null));
  }

  public Schedule disable(long id) {
    return update(id, new ScheduleSettings(false, null, null, null, null, null, null));
  }

  /** The schedule fields of the guide's PUT body; null leaves a field as it is. */
  @Schema(
      example =
          """
          {"syncEnabled": true, "syncIntervalMinutes": 30, "webhookEnabled": true,
           "maxRetries": 5, "retryDelaySeconds": 60, "rateLimitRequests": 50,
           "rateLimitPeriodSeconds": 60}\
          """)
  public record ScheduleSettings(
      Boolean syncEnabled,
      Integer syncIntervalMinutes,
      Boolean webhookEnabled,
      Integer maxRetries,
      Integer retryDelaySeconds,
      Integer rateLimitRequests,
      Integer rateLimitPeriodSeconds) {

    ConnectionRequest asConnectionUpdate() {
      return new ConnectionRequest(
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          syncEnabled,
          null,
          syncIntervalMinutes,
          webhookEnabled,
          maxRetries,
          retryDelaySeconds,
          rateLimitRequests,
          rateLimitPeriodSeconds,
          null);
    }
  }
}
