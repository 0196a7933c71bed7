package com.tgm.erpsync.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.tgm.erpsync.webhook.ingest.Rejection;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem detail answering a refused webhook: the status, a stable {@code reason} (e.g.
 * {@code bad-signature}), a detail that never contains a secret, and the field at fault in {@code
 * errors} when there is one.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record WebhookProblem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String reason,
    Long connectionId,
    List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** One field at fault (a header, a query parameter or a JSON path of the body) and why. */
  public record FieldError(String field, String message) {}

  public static Response of(Rejection rejection, String instance, Long connectionId) {
    Response.Status status = Response.Status.fromStatusCode(rejection.status());
    WebhookProblem problem =
        new WebhookProblem(
            "about:blank",
            status == null ? "Error" : status.getReasonPhrase(),
            rejection.status(),
            rejection.detail(),
            instance,
            rejection.reason().tag(),
            connectionId,
            rejection.field() == null
                ? List.of()
                : List.of(new FieldError(rejection.field(), rejection.detail())));
    Response.ResponseBuilder response =
        Response.status(rejection.status()).type(MediaType.valueOf(MEDIA_TYPE)).entity(problem);
    if (rejection.retryAfterSeconds() > 0) {
      response.header("Retry-After", Long.toString(rejection.retryAfterSeconds()));
    }
    return response.build();
  }
}
