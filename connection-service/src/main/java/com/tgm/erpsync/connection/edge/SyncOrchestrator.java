package com.tgm.erpsync.connection.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * sync-orchestrator behind the edge: the guide's sync, job and dashboard calls relayed with the
 * caller's token, and the schedule state connection-service reads for itself.
 */
@ApplicationScoped
public class SyncOrchestrator {
  /** The service's name in messages and its rest-client config key. */
  public static final String NAME = "sync-orchestrator";

  private final SyncOrchestratorClient client;
  private final ObjectMapper json;
  private final Downstream downstream;

  public SyncOrchestrator(@RestClient SyncOrchestratorClient client, ObjectMapper json) {
    this.client = client;
    this.json = json;
    this.downstream = new Downstream(NAME, json);
  }

  /**
   * The orchestrator's view of a connection's schedule. Inside an admin request the caller's token
   * goes along; the orchestrator refuses calls without one.
   *
   * @throws DownstreamUnavailableException when the orchestrator is unreachable, answers 5xx, or
   *     does not answer in time ({@link DownstreamTimeoutException})
   * @throws DownstreamFailureException when it answers anything else but 200, or an unreadable body
   */
  public ScheduleState scheduleState(long connectionId) {
    Response answer = downstream.call(() -> client.scheduleState(connectionId));
    try {
      int status = answer.getStatus();
      if (status >= 500) {
        throw downstream.unavailable("it answered HTTP " + status);
      }
      if (status != 200) {
        throw downstream.failure(
            "it answered HTTP " + status + " for the schedule state of connection " + connectionId);
      }
      return read(answer, connectionId);
    } finally {
      answer.close();
    }
  }

  private ScheduleState read(Response answer, long connectionId) {
    try {
      return json.readValue(answer.readEntity(byte[].class), ScheduleState.class);
    } catch (IOException | ProcessingException e) {
      throw downstream.failure(
          "its schedule state of connection " + connectionId + " is unreadable");
    }
  }

  public Response fullSync(long connectionId) {
    return downstream.relay(() -> client.fullSync(connectionId));
  }

  public Response incrementalSync(long connectionId) {
    return downstream.relay(() -> client.incrementalSync(connectionId));
  }

  public Response entitySync(
      long connectionId, String entityType, String recordId, String direction) {
    return downstream.relay(() -> client.entitySync(connectionId, entityType, recordId, direction));
  }

  public Response jobs(long connectionId) {
    return downstream.relay(() -> client.listJobs(connectionId));
  }

  public Response statistics(long connectionId) {
    return downstream.relay(() -> client.statistics(connectionId));
  }

  public Response runningJobs() {
    return downstream.relay(client::runningJobs);
  }

  public Response job(long jobId) {
    return downstream.relay(() -> client.getJob(jobId));
  }

  public Response jobDetail(long jobId) {
    return downstream.relay(() -> client.jobDetail(jobId));
  }

  public Response cancelJob(long jobId) {
    return downstream.relay(() -> client.cancelJob(jobId));
  }

  public Response retryJob(long jobId) {
    return downstream.relay(() -> client.retryJob(jobId));
  }

  public Response dashboard() {
    return downstream.relay(client::dashboard);
  }
}
