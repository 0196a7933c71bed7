package com.tgm.erpsync.orchestrator.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Internal API for connection-service, which calls it with the admin caller's token. */
@Path("/api/internal/erp/connections")
@RolesAllowed("${tgm.admin.role}")
@Produces(MediaType.APPLICATION_JSON)
public class ScheduleStateResource {

  /**
   * The schedule state of a connection as far as the orchestrator knows it. It has no jobs table
   * yet, so it knows of no sync: no last or next sync, no active job. The jobs table arrives with
   * the sync jobs issue, and this answer then comes from it.
   */
  @GET
  @Path("/{id}/schedule-state")
  public ScheduleState scheduleState(@PathParam("id") long connectionId) {
    return new ScheduleState(null, null, null, 0, List.of());
  }
}
