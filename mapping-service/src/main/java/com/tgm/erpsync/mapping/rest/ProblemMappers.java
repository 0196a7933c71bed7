package com.tgm.erpsync.mapping.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.tgm.erpsync.mapping.service.ConflictException;
import com.tgm.erpsync.mapping.service.InvalidInputException;
import com.tgm.erpsync.mapping.service.ResourceNotFoundException;
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

/** Maps failures of the mapping API to problem+json responses. */
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
  public Response invalidInput(InvalidInputException e, UriInfo uri) {
    return new Problem(
            "about:blank",
            "Bad Request",
            400,
            "The request has " + e.errors().size() + " problem(s)",
            uri.getPath(),
            e.errors())
        .toResponse();
  }

  /** A body that is not JSON, or a value of the wrong type: named by its JSON path. */
  @ServerExceptionMapper({
    JsonProcessingException.class,
    JsonParseException.class,
    MismatchedInputException.class,
    InvalidFormatException.class
  })
  public Response unreadableBody(JsonProcessingException e, UriInfo uri) {
    String field =
        e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
            ? path(mapping.getPath())
            : "body";
    String message =
        e instanceof JsonMappingException && !"body".equals(field)
            ? "has a value of the wrong type"
            : "is not valid JSON";
    return new Problem(
            "about:blank",
            "Bad Request",
            400,
            "The request body could not be read",
            uri.getPath(),
            List.of(new Problem.FieldError(field, message)))
        .toResponse();
  }

  @ServerExceptionMapper
  public Response conflict(ConflictException e, UriInfo uri) {
    return new Problem(
            "about:blank",
            "Conflict",
            409,
            e.getMessage(),
            uri.getPath(),
            List.of(new Problem.FieldError(e.field(), e.getMessage())))
        .toResponse();
  }

  @ServerExceptionMapper
  public Response resourceNotFound(ResourceNotFoundException e, UriInfo uri) {
    return problem(Response.Status.NOT_FOUND, e.getMessage(), uri);
  }

  @ServerExceptionMapper
  public Response notFound(NotFoundException e, UriInfo uri) {
    return problem(Response.Status.NOT_FOUND, "No such resource: " + uri.getPath(), uri);
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, UriInfo uri) {
    if (e.getCause() instanceof JsonProcessingException unreadable) {
      return unreadableBody(unreadable, uri);
    }
    Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
    Response.Status shown = status == null ? Response.Status.BAD_REQUEST : status;
    // the exception's own message may name internals: say only what the status says
    return problem(shown, shown.getReasonPhrase(), uri);
  }

  /** A JSON path as the validation errors write it: {@code fieldMappings[0].required}. */
  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
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
