package com.tgm.erpsync.connection.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * sync-orchestrator behind the edge: the guide's sync, job, conflict and dashboard calls relayed
 * with the caller's token, and the schedule state connection-service reads for itself.
 */
@ApplicationScoped
public class SyncOrchestrator {
  /** The service's name in messages and its rest-client config key. */
  public static final String NAME = "sync-orchestrator";

  /** What a paged list answers besides its body: the whole list's length and the way through. */
  static final List<String> PAGING_HEADERS = List.of("X-Total-Count", "Link");

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

  /** A page of the connection's jobs, with the paging headers (total count, links) relayed. */
  public Response jobs(long connectionId, String page, String size) {
    return relayPage(() -> client.listJobs(connectionId, page, size));
  }

  public Response statistics(long connectionId) {
    return downstream.relay(() -> client.statistics(connectionId));
  }

  /** A page of the active jobs, with the paging headers (total count, links) relayed. */
  public Response runningJobs(String page, String size) {
    return relayPage(() -> client.runningJobs(page, size));
  }

  public Response job(long jobId) {
    return downstream.relay(() -> client.getJob(jobId));
  }

  public Response jobDetail(long jobId, String errorsPage, String errorsSize) {
    return downstream.relay(() -> client.jobDetail(jobId, errorsPage, errorsSize));
  }

  public Response cancelJob(long jobId) {
    return downstream.relay(() -> client.cancelJob(jobId));
  }

  public Response retryJob(long jobId, String failedRecordsOnly) {
    return downstream.relay(() -> client.retryJob(jobId, failedRecordsOnly));
  }

  /** A page of the conflict queue, with the paging headers (total count, links) relayed. */
  public Response conflicts(
      String connectionId, String status, String entityType, String page, String size) {
    return relayPage(() -> client.listConflicts(connectionId, status, entityType, page, size));
  }

  public Response conflict(long conflictId) {
    return downstream.relay(() -> client.getConflict(conflictId));
  }

  /** The resolution goes as the caller sent it; the orchestrator validates it. */
  public Response resolveConflict(long conflictId, JsonNode resolution) {
    return downstream.relay(() -> client.resolveConflict(conflictId, resolution));
  }

  /**
   * The jobs and schedules half of the dashboard, with the caller's token.
   *
   * @throws DownstreamUnavailableException when the orchestrator is unreachable (503) or too slow
   *     ({@link DownstreamTimeoutException}, 504)
   * @throws DownstreamFailureException when it answers 5xx, anything but 200, or an unreadable body
   *     (502), as a relayed call would
   */
  public DashboardData dashboardData() {
    Response answer = downstream.call(client::dashboardData);
    try {
      int status = answer.getStatus();
      if (status != 200) {
        throw downstream.failure("it answered HTTP " + status + " for the dashboard data");
      }
      return json.readValue(answer.readEntity(byte[].class), DashboardData.class);
    } catch (IOException | ProcessingException e) {
      throw downstream.failure("its dashboard data is unreadable");
    } finally {
      answer.close();
    }
  }

  /**
   * Relays a paged list with its paging headers. The orchestrator's links are relative references
   * to the guide's paths, which the edge serves too, so they pass unchanged.
   */
  private Response relayPage(Supplier<Response> request) {
    Map<String, String> paging = new LinkedHashMap<>();
    Response relayed =
        downstream.relay(
            () -> {
              Response answer = request.get();
              for (String header : PAGING_HEADERS) {
                String value = answer.getHeaderString(header);
                if (value != null) {
                  paging.put(header, value);
                }
              }
              return answer;
            });
    if (paging.isEmpty()) {
      return relayed;
    }
    Response.ResponseBuilder withPaging = Response.fromResponse(relayed);
    paging.forEach(withPaging::header);
    return withPaging.build();
  }
}
