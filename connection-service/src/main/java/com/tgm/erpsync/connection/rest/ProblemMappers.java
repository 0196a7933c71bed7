package com.tgm.erpsync.connection.rest;

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

/** Maps failures of the admin API to problem+json responses. */
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
  public Response notFound(NotFoundException e, UriInfo uri) {
    return problem(Response.Status.NOT_FOUND, "No such resource", uri);
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, UriInfo uri) {
    Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
    Response.Status shown = status == null ? Response.Status.BAD_REQUEST : status;
    // the exception's own message may name internals: say only what the status says
    return problem(shown, shown.getReasonPhrase(), uri);
  }

  private static Response problem(Response.Status status, String detail, UriInfo uri) {
    return new Problem(
            "about:blank",
            status.getReasonPhrase(),
            status.getStatusCode(),
            detail,
            uri.getPath(),
            List.of())
        .toResponse();
  }
}
