package com.tgm.erpsync.orchestrator.rest;

import com.tgm.erpsync.orchestrator.jobs.ScheduleFacts;
import com.tgm.erpsync.orchestrator.jobs.SyncJobService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Internal API for connection-service, which calls it with the admin caller's token. */
@Path("/api/internal/erp/connections")
@RolesAllowed("${tgm.admin.role}")
@Produces(MediaType.APPLICATION_JSON)
public class ScheduleStateResource {
  private final SyncJobService jobs;

  public ScheduleStateResource(SyncJobService jobs) {
    this.jobs = jobs;
  }

  /**
   * The schedule state of a connection from the jobs table (last completed full and incremental
   * syncs, active jobs) and the schedule table (next run; null without a schedule). A connection
   * the orchestrator never saw simply has none of them: connection-service asks before it deletes.
   */
  @GET
  @Path("/{id}/schedule-state")
  public ScheduleState scheduleState(@PathParam("id") long connectionId) {
    ScheduleFacts facts = jobs.scheduleFacts(connectionId);
    return new ScheduleState(
        JobView.utc(facts.lastFullSync()),
        JobView.utc(facts.lastIncrementalSync()),
        JobView.utc(facts.nextScheduledSync()),
        facts.activeJobIds().size(),
        facts.activeJobIds());
  }
}
