package com.tgm.erpsync.orchestrator.rest;

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
 * The guide's sync job endpoints, at its paths. The POSTs take no body, so any Content-Type or none
 * is accepted.
 */
@Path(SyncJobsResource.JOBS)
@RolesAllowed("${tgm.admin.role}")
@Produces(MediaType.APPLICATION_JSON)
public class SyncJobsResource {
  static final String JOBS = "/api/admin/erp/sync-jobs";
  static final int DEFAULT_RUNNING_PAGE_SIZE = 100;
  static final int DEFAULT_ERRORS_SIZE = 100;
  static final int MAX_ERRORS_SIZE = 1000;

  private final SyncJobService jobs;

  public SyncJobsResource(SyncJobService jobs) {
    this.jobs = jobs;
  }

  /** PENDING and RUNNING jobs of every connection, newest first, paged like the job lists. */
  @GET
  @Path("/running")
  public Response running(
      @QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri) {
    Paging.Request asked =
        Paging.parse(
            "page", page, "size", size, DEFAULT_RUNNING_PAGE_SIZE, SyncResource.MAX_PAGE_SIZE);
    Instant now = Instant.now();
    return Paging.ok(jobs.active(asked.page(), asked.size()), job -> JobView.of(job, now), uri);
  }

  @GET
  @Path("/{id}")
  public JobView job(@PathParam("id") long jobId) {
    return JobView.of(jobs.job(jobId), Instant.now());
  }

  /** The job with a page of its error logs: {@code errorsPage} from 0, {@code errorsSize} 100. */
  @GET
  @Path("/{id}/detail")
  public JobDetailView detail(
      @PathParam("id") long jobId,
      @QueryParam("errorsPage") String errorsPage,
      @QueryParam("errorsSize") String errorsSize) {
    Paging.Request asked =
        Paging.parse(
            "errorsPage",
            errorsPage,
            "errorsSize",
            errorsSize,
            DEFAULT_ERRORS_SIZE,
            MAX_ERRORS_SIZE);
    return JobDetailView.of(jobs.detail(jobId, asked.page(), asked.size()), Instant.now());
  }

  @POST
  @Path("/{id}/cancel")
  public JobView cancel(@PathParam("id") long jobId, @Context SecurityContext caller) {
    return JobView.of(jobs.cancel(jobId, SyncResource.who(caller)), Instant.now());
  }

  /**
   * A new job from this one's configuration; {@code failedRecordsOnly=true} re-syncs only the
   * records it logged as failed.
   */
  @POST
  @Path("/{id}/retry")
  public Response retry(
      @PathParam("id") long jobId,
      @QueryParam("failedRecordsOnly") String failedRecordsOnly,
      @Context SecurityContext caller,
      @Context UriInfo uri) {
    return SyncResource.created(
        jobs.retry(jobId, failedRecordsOnly, SyncResource.who(caller)), uri);
  }
}
