package com.tgm.erpsync.orchestrator.rest;

import com.tgm.erpsync.orchestrator.jobs.InvalidRequestException;
import com.tgm.erpsync.orchestrator.jobs.JobConflictException;
import com.tgm.erpsync.orchestrator.jobs.UnknownResourceException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps failures of the orchestrator's API to problem+json responses. */
public class ProblemMappers {

  @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
  public Response unauthenticated(UriInfo uri) {
    return Response.fromResponse(
            problem(
                Response.Status.UNAUTHORIZED,
                "A valid bearer token is required: the token is missing, expired, or not signed"
                    + " by a trusted key",
                uri))
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri) {
    return problem(Response.Status.FORBIDDEN, "The token does not carry the ERP admin role", uri);
  }

  @ServerExceptionMapper
  public Response invalidRequest(InvalidRequestException e, UriInfo uri) {
    return new Problem(
            "about:blank",
            "Bad Request",
            400,
            "The request has " + e.violations().size() + " problem(s)",
            uri.getPath(),
            null,
            null,
            e.violations().stream()
                .map(v -> new Problem.FieldError(v.parameter(), v.message()))
                .toList())
        .toResponse();
  }

  @ServerExceptionMapper
  public Response conflict(JobConflictException e, UriInfo uri) {
    return new Problem(
            "about:blank",
            "Conflict",
            409,
            e.getMessage(),
            uri.getPath(),
            e.reason().name(),
            e.runningJobId(),
            List.of())
        .toResponse();
  }

  @ServerExceptionMapper
  public Response unknownResource(UnknownResourceException e, UriInfo uri) {
    return problem(Response.Status.NOT_FOUND, e.getMessage(), uri);
  }

  @ServerExceptionMapper
  public Response notFound(NotFoundException e, UriInfo uri) {
    return problem(Response.Status.NOT_FOUND, "No such resource: " + uri.getPath(), uri);
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, UriInfo uri) {
    Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
    Response.Status shown = status == null ? Response.Status.BAD_REQUEST : status;
    // the exception's own message may name internals: say only what the status says
    return problem(shown, shown.getReasonPhrase(), uri);
  }

  /** Anything else is our fault: logged here, answered without internals. */
  @ServerExceptionMapper(priority = Integer.MAX_VALUE)
  public Response unexpected(RuntimeException e, UriInfo uri) {
    Log.errorf(e, "ERP orchestrator API: %s failed", uri.getPath());
    return problem(
        Response.Status.INTERNAL_SERVER_ERROR,
        "The request failed on the server; it is logged. Retrying later may succeed.",
        uri);
  }

  private static Response problem(Response.Status status, String detail, UriInfo uri) {
    return new Problem(
            "about:blank",
            status.getReasonPhrase(),
            status.getStatusCode(),
            detail,
            uri.getPath(),
            null,
            null,
            List.of())
        .toResponse();
  }
}
