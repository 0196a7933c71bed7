package com.tgm.erpsync.connection.edge;

import com.tgm.erpsync.connection.rest.Problem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A downstream service that cannot answer, as problem+json naming the service. */
public class EdgeProblemMappers {

  /** Nothing reached the service: retry later. */
  @ServerExceptionMapper
  public Response unavailable(DownstreamUnavailableException e, UriInfo uri) {
    return Response.fromResponse(problem(Response.Status.SERVICE_UNAVAILABLE, e, uri))
        .header(HttpHeaders.RETRY_AFTER, "10")
        .build();
  }

  @ServerExceptionMapper
  public Response timedOut(DownstreamTimeoutException e, UriInfo uri) {
    return problem(Response.Status.GATEWAY_TIMEOUT, e, uri);
  }

  @ServerExceptionMapper
  public Response failed(DownstreamFailureException e, UriInfo uri) {
    return problem(Response.Status.BAD_GATEWAY, e, uri);
  }

  private static Response problem(Response.Status status, DownstreamException e, UriInfo uri) {
    return new Problem(
            "about:blank",
            status.getReasonPhrase(),
            status.getStatusCode(),
            e.getMessage(),
            uri.getPath(),
            List.of())
        .toResponse();
  }
}
