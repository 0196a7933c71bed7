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
 * The guide's sync job endpoints, relayed to sync-orchestrator. They take no body, so a POST with
 * any Content-Type or none (as the guide's curl sends it) is accepted.
 */
@Path("/api/admin/erp/sync-jobs")
@RolesAllowed("${tgm.admin.role}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sync")
public class SyncJobsResource {
  private final SyncOrchestrator orchestrator;

  public SyncJobsResource(SyncOrchestrator orchestrator) {
    this.orchestrator = orchestrator;
  }

  @GET
  @Path("/running")
  @Operation(summary = "Get all running jobs", description = EdgeDocs.RELAYED_TO_SYNC_ORCHESTRATOR)
  public Response running(
      @Parameter(description = "Page number, from 0 (default 0)") @QueryParam("page") String page,
      @Parameter(description = "Jobs per page, 1–100 (default 100)") @QueryParam("size")
          String size) {
    return orchestrator.runningJobs(page, size);
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "Get sync job details", description = EdgeDocs.RELAYED_TO_SYNC_ORCHESTRATOR)
  public Response get(@PathParam("id") long jobId) {
    return orchestrator.job(jobId);
  }

  @GET
  @Path("/{id}/detail")
  @Operation(
      summary = "Get detailed job info with error logs",
      description = EdgeDocs.RELAYED_TO_SYNC_ORCHESTRATOR)
  public Response detail(
      @PathParam("id") long jobId,
      @Parameter(description = "Page of the error logs, from 0 (default 0)")
          @QueryParam("errorsPage")
          String errorsPage,
      @Parameter(description = "Error logs per page, 1–1000 (default 100)")
          @QueryParam("errorsSize")
          String errorsSize) {
    return orchestrator.jobDetail(jobId, errorsPage, errorsSize);
  }

  @POST
  @Path("/{id}/cancel")
  @AuditAction("sync-job.cancel")
  @Operation(summary = "Cancel running sync", description = EdgeDocs.RELAYED_TO_SYNC_ORCHESTRATOR)
  public Response cancel(@PathParam("id") long jobId) {
    return orchestrator.cancelJob(jobId);
  }

  @POST
  @Path("/{id}/retry")
  @AuditAction("sync-job.retry")
  @Operation(summary = "Retry failed job", description = EdgeDocs.RELAYED_TO_SYNC_ORCHESTRATOR)
  public Response retry(
      @PathParam("id") long jobId,
      @Parameter(description = "true: re-sync only the records the job logged as failed")
          @QueryParam("failedRecordsOnly")
          String failedRecordsOnly) {
    return orchestrator.retryJob(jobId, failedRecordsOnly);
  }
}
