package com.tgm.erpsync.orchestrator.rest;

import com.tgm.erpsync.contracts.JobType;
import com.tgm.erpsync.orchestrator.jobs.SyncJob;
import com.tgm.erpsync.orchestrator.jobs.SyncJobService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;

/**
 * The guide's sync endpoints of a connection, at its paths (connection-service relays them with the
 * caller's token). A started job answers 201 with its guide JSON and a Location naming it: the job
 * exists from that moment and is already RUNNING; its work goes on in the background. The POSTs
 * take no body, so any Content-Type or none is accepted.
 */
@Path("/api/admin/erp/connections")
@RolesAllowed("${tgm.admin.role}")
@Produces(MediaType.APPLICATION_JSON)
public class SyncResource {
  static final int DEFAULT_PAGE_SIZE = 20;
  static final int MAX_PAGE_SIZE = 100;

  private final SyncJobService jobs;

  public SyncResource(SyncJobService jobs) {
    this.jobs = jobs;
  }

  @POST
  @Path("/{id}/sync/full")
  public Response fullSync(
      @PathParam("id") long connectionId, @Context SecurityContext caller, @Context UriInfo uri) {
    return created(jobs.startSync(connectionId, JobType.FULL, who(caller)), uri);
  }

  @POST
  @Path("/{id}/sync/incremental")
  public Response incrementalSync(
      @PathParam("id") long connectionId, @Context SecurityContext caller, @Context UriInfo uri) {
    return created(jobs.startSync(connectionId, JobType.INCREMENTAL, who(caller)), uri);
  }

  /**
   * One record now: {@code entityType} (with an enabled mapping on the connection), {@code
   * recordId} (a TGM id for OUTBOUND, an ERP key for INBOUND) and {@code direction} (INBOUND or
   * OUTBOUND; by default OUTBOUND when the mapping and the connection allow it, else INBOUND).
   */
  @POST
  @Path("/{id}/sync/entity")
  public Response entitySync(
      @PathParam("id") long connectionId,
      @QueryParam("entityType") String entityType,
      @QueryParam("recordId") String recordId,
      @QueryParam("direction") String direction,
      @Context SecurityContext caller,
      @Context UriInfo uri) {
    return created(
        jobs.startSingleRecord(connectionId, entityType, recordId, direction, who(caller)), uri);
  }

  /** The connection's jobs, newest first; {@code page} from 0, {@code size} 1–100 (20). */
  @GET
  @Path("/{id}/sync-jobs")
  public Response jobs(
      @PathParam("id") long connectionId,
      @QueryParam("page") String page,
      @QueryParam("size") String size,
      @Context UriInfo uri) {
    Paging.Request asked =
        Paging.parse("page", page, "size", size, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    Instant now = Instant.now();
    return Paging.ok(
        jobs.jobsOf(connectionId, asked.page(), asked.size()), job -> JobView.of(job, now), uri);
  }

  @GET
  @Path("/{id}/sync/statistics")
  public StatisticsView statistics(@PathParam("id") long connectionId) {
    return StatisticsView.of(jobs.statistics(connectionId));
  }

  static Response created(SyncJob job, UriInfo uri) {
    return Response.created(
            uri.getBaseUriBuilder().path(SyncJobsResource.JOBS).path("{id}").build(job.id()))
        .entity(JobView.of(job, Instant.now()))
        .build();
  }

  static String who(SecurityContext caller) {
    return caller.getUserPrincipal() == null ? "unknown" : caller.getUserPrincipal().getName();
  }
}
