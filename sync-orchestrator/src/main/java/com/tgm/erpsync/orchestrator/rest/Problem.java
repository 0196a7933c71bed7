package com.tgm.erpsync.orchestrator.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem detail: every error of the orchestrator's API. {@code errors} names each
 * parameter at fault; a 409 says why in {@code reason} and, when a job is in the way, names it in
 * {@code runningJobId}. Never a class name or a stack trace.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String reason,
    Long runningJobId,
    List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";
  public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

  /** One parameter at fault and why. */
  public record FieldError(String field, String message) {}

  public Response toResponse() {
    return Response.status(status).type(PROBLEM_JSON).entity(this).build();
  }
}
