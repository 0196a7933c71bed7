package com.tgm.erpsync.connection.edge;

import com.tgm.erpsync.connection.audit.AuditAction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The guide's sync endpoints of a connection, relayed to sync-orchestrator. They take no body, so a
 * POST with any Content-Type or none (as the guide's curl sends it) is accepted.
 */
@Path("/api/admin/erp/connections")
@RolesAllowed("${tgm.admin.role}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sync")
public class ConnectionSyncResource {
  private final SyncOrchestrator orchestrator;

  public ConnectionSyncResource(SyncOrchestrator orchestrator) {
    this.orchestrator = orchestrator;
  }

  @POST
  @Path("/{id}/sync/full")
  @AuditAction("sync.full")
  @Operation(summary = "Trigger full sync", description = EdgeDocs.RELAYED_TO_SYNC_ORCHESTRATOR)
  public Response fullSync(@PathParam("id") long connectionId) {
    return orchestrator.fullSync(connectionId);
  }

  @POST
  @Path("/{id}/sync/incremental")
  @AuditAction("sync.incremental")
  @Operation(
      summary = "Trigger incremental sync",
      description = EdgeDocs.RELAYED_TO_SYNC_ORCHESTRATOR)
  public Response incrementalSync(@PathParam("id") long connectionId) {
    return orchestrator.incrementalSync(connectionId);
  }

  @POST
  @Path("/{id}/sync/entity")
  @AuditAction("sync.entity")
  @Operation(summary = "Sync single entity", description = EdgeDocs.RELAYED_TO_SYNC_ORCHESTRATOR)
  public Response entitySync(
      @PathParam("id") long connectionId,
      @Parameter(description = "TGM entity type, e.g. UNIT") @QueryParam("entityType")
          String entityType,
      @Parameter(description = "Id of the record to sync, e.g. 456") @QueryParam("recordId")
          String recordId,
      @Parameter(description = "INBOUND or OUTBOUND (default OUTBOUND when the mapping allows it)")
          @QueryParam("direction")
          String direction) {
    return orchestrator.entitySync(connectionId, entityType, recordId, direction);
  }

  @GET
  @Path("/{id}/sync-jobs")
  @Operation(
      summary = "List sync jobs",
      description =
          "Newest first, a page at a time: the body is the page's jobs; X-Total-Count gives the"
              + " number of jobs and Link the first, prev, next and last pages. "
              + EdgeDocs.RELAYED_TO_SYNC_ORCHESTRATOR)
  public Response jobs(
      @PathParam("id") long connectionId,
      @Parameter(description = "Page number, from 0 (default 0)") @QueryParam("page") String page,
      @Parameter(description = "Jobs per page, 1–100 (default 20)") @QueryParam("size")
          String size) {
    return orchestrator.jobs(connectionId, page, size);
  }

  @GET
  @Path("/{id}/sync/statistics")
  @Operation(summary = "Get sync statistics", description = EdgeDocs.RELAYED_TO_SYNC_ORCHESTRATOR)
  public Response statistics(@PathParam("id") long connectionId) {
    return orchestrator.statistics(connectionId);
  }
}
