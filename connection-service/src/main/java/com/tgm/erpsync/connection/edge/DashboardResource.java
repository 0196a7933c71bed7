package com.tgm.erpsync.connection.edge;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The guide's dashboard: connections from here, jobs and schedules from sync-orchestrator. */
@Path("/api/admin/erp/dashboard")
@RolesAllowed("${tgm.admin.role}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboard")
public class DashboardResource {
  private final DashboardService dashboard;

  public DashboardResource(DashboardService dashboard) {
    this.dashboard = dashboard;
  }

  @GET
  @Operation(
      summary = "Get sync dashboard with statistics",
      description =
          "Connection counts and health from connection-service, running jobs, failures of the"
              + " last 24 hours and upcoming scheduled syncs from sync-orchestrator (at most 20"
              + " of each). healthStatus: HEALTHY, DEGRADED (not tested yet, or errors in the last"
              + " 24 hours), UNHEALTHY (test failed, or the last sync FAILED or went STALE),"
              + " DISABLED. When sync-orchestrator cannot answer: 503 (unreachable), 504 (too"
              + " slow) or 502 (failing), as for every relayed call.")
  public DashboardResponse dashboard() {
    return dashboard.dashboard();
  }
}
