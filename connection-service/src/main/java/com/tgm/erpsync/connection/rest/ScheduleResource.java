package com.tgm.erpsync.connection.rest;

import com.tgm.erpsync.connection.audit.AuditAction;
import com.tgm.erpsync.connection.edge.ScheduleState;
import com.tgm.erpsync.connection.edge.SyncOrchestrator;
import com.tgm.erpsync.connection.repository.ConnectionEntity;
import com.tgm.erpsync.connection.service.Durations;
import com.tgm.erpsync.connection.service.InvalidInputException;
import com.tgm.erpsync.connection.service.ScheduleService;
import com.tgm.erpsync.connection.service.ScheduleService.Schedule;
import com.tgm.erpsync.connection.service.ScheduleService.ScheduleSettings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The guide's schedule endpoints. */
@Path("/api/admin/erp/connections/{id}/schedule")
@RolesAllowed("${tgm.admin.role}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Schedules")
public class ScheduleResource {
  private static final List<String> ORCHESTRATOR_FIELDS =
      List.of(
          "lastFullSync",
          "lastIncrementalSync",
          "nextScheduledSync",
          "nextSyncIn",
          "activeJobsCount");

  private final ScheduleService schedules;

  public ScheduleResource(ScheduleService schedules) {
    this.schedules = schedules;
  }

  @GET
  @Operation(summary = "Get schedule configuration")
  public ScheduleResponse get(@PathParam("id") long id) {
    return view(schedules.get(id));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Update schedule configuration",
      description =
          "Changes the fields the body names (syncEnabled, syncIntervalMinutes 1-43200,"
              + " webhookEnabled, maxRetries 0-100, retryDelaySeconds 0-86400, rateLimitRequests"
              + " 1-1000000, rateLimitPeriodSeconds 1-86400); the others keep their value.")
  @AuditAction("schedule.update")
  public ScheduleResponse update(@PathParam("id") long id, ScheduleSettings settings) {
    return view(
        schedules.update(
            id,
            settings == null
                ? new ScheduleSettings(null, null, null, null, null, null, null)
                : settings));
  }

  @POST
  @Path("/enable")
  @Operation(
      summary = "Enable scheduled sync",
      description = "Sets syncEnabled, and the interval when intervalMinutes (1-43200) is given.")
  @AuditAction("schedule.enable")
  public ScheduleResponse enable(
      @PathParam("id") long id, @QueryParam("intervalMinutes") String intervalMinutes) {
    return view(schedules.enable(id, wholeNumber("intervalMinutes", intervalMinutes)));
  }

  @POST
  @Path("/disable")
  @Operation(
      summary = "Disable scheduled sync",
      description = "Clears syncEnabled: no sync of this connection starts until it is enabled.")
  @AuditAction("schedule.disable")
  public ScheduleResponse disable(@PathParam("id") long id) {
    return view(schedules.disable(id));
  }

  /** A query parameter JAX-RS would answer with 404 when it is not a number: a clear 400 here. */
  private static Integer wholeNumber(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          List.of(new Problem.FieldError(name, "must be a whole number of minutes")));
    }
  }

  private static ScheduleResponse view(Schedule schedule) {
    ConnectionEntity c = schedule.connection();
    ScheduleState state = schedule.state().orElse(null);
    LocalDateTime next = state == null ? null : state.nextScheduledSync();
    boolean active = c.enabled && c.syncEnabled;
    return new ScheduleResponse(
        c.id,
        c.name,
        c.syncEnabled,
        c.syncIntervalMinutes,
        Durations.ofMinutes(c.syncIntervalMinutes),
        c.webhookEnabled,
        "/api/webhooks/erp/" + c.id,
        c.maxRetries,
        c.retryDelaySeconds,
        c.rateLimitRequests,
        c.rateLimitPeriodSeconds,
        state == null ? null : state.lastFullSync(),
        state == null ? null : state.lastIncrementalSync(),
        active ? next : null,
        active && next != null
            ? Durations.until(Duration.between(LocalDateTime.now(ZoneOffset.UTC), next))
            : null,
        active,
        state == null ? null : state.activeJobsCount(),
        state == null
            ? new ScheduleResponse.Unavailable(
                SyncOrchestrator.NAME, ORCHESTRATOR_FIELDS, schedule.stateUnavailableReason())
            : null);
  }
}
