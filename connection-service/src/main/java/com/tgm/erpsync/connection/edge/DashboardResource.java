package com.tgm.erpsync.connection.edge;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The guide's dashboard, relayed to sync-orchestrator. */
@Path("/api/admin/erp/dashboard")
@RolesAllowed("${tgm.admin.role}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboard")
public class DashboardResource {
  private final SyncOrchestrator orchestrator;

  public DashboardResource(SyncOrchestrator orchestrator) {
    this.orchestrator = orchestrator;
  }

  @GET
  @Operation(
      summary = "Get sync dashboard with statistics",
      description = EdgeDocs.RELAYED_TO_SYNC_ORCHESTRATOR)
  public Response dashboard() {
    return orchestrator.dashboard();
  }
}
