package com.tgm.erpsync.connection.edge;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * sync-orchestrator's admin API at the guide's paths (jobs and the conflict queue), plus the
 * internal schedule state. Answers come back as they are (the default exception mapper is off):
 * {@link SyncOrchestrator} relays them.
 */
@RegisterRestClient(configKey = SyncOrchestrator.NAME)
@RegisterClientHeaders(ForwardedHeaders.class)
@Path("/api")
@Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
@Consumes(MediaType.APPLICATION_JSON)
public interface SyncOrchestratorClient {

  @POST
  @Path("/admin/erp/connections/{id}/sync/full")
  Response fullSync(@PathParam("id") long connectionId);

  @POST
  @Path("/admin/erp/connections/{id}/sync/incremental")
  Response incrementalSync(@PathParam("id") long connectionId);

  @POST
  @Path("/admin/erp/connections/{id}/sync/entity")
  Response entitySync(
      @PathParam("id") long connectionId,
      @QueryParam("entityType") String entityType,
      @QueryParam("recordId") String recordId,
      @QueryParam("direction") String direction);

  @GET
  @Path("/admin/erp/connections/{id}/sync-jobs")
  Response listJobs(
      @PathParam("id") long connectionId,
      @QueryParam("page") String page,
      @QueryParam("size") String size);

  @GET
  @Path("/admin/erp/connections/{id}/sync/statistics")
  Response statistics(@PathParam("id") long connectionId);

  @GET
  @Path("/admin/erp/sync-jobs/running")
  Response runningJobs(@QueryParam("page") String page, @QueryParam("size") String size);

  @GET
  @Path("/admin/erp/sync-jobs/{id}")
  Response getJob(@PathParam("id") long jobId);

  @GET
  @Path("/admin/erp/sync-jobs/{id}/detail")
  Response jobDetail(
      @PathParam("id") long jobId,
      @QueryParam("errorsPage") String errorsPage,
      @QueryParam("errorsSize") String errorsSize);

  @POST
  @Path("/admin/erp/sync-jobs/{id}/cancel")
  Response cancelJob(@PathParam("id") long jobId);

  @POST
  @Path("/admin/erp/sync-jobs/{id}/retry")
  Response retryJob(
      @PathParam("id") long jobId, @QueryParam("failedRecordsOnly") String failedRecordsOnly);

  @GET
  @Path("/admin/erp/conflicts")
  Response listConflicts(
      @QueryParam("connectionId") String connectionId,
      @QueryParam("status") String status,
      @QueryParam("entityType") String entityType,
      @QueryParam("page") String page,
      @QueryParam("size") String size);

  @GET
  @Path("/admin/erp/conflicts/{id}")
  Response getConflict(@PathParam("id") long conflictId);

  @POST
  @Path("/admin/erp/conflicts/{id}/resolve")
  Response resolveConflict(@PathParam("id") long conflictId, JsonNode resolution);

  @GET
  @Path("/internal/erp/connections/{id}/schedule-state")
  Response scheduleState(@PathParam("id") long connectionId);

  @GET
  @Path("/internal/erp/dashboard-data")
  Response dashboardData();
}
