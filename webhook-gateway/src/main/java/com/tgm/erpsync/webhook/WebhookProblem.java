package com.tgm.erpsync.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.webhook.ingest.Rejection;
import java.util.List;
import java.util.Map;

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
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One field at fault (a header, a query parameter or a JSON path of the body) and why. */
  public record FieldError(String field, String message) {}

  public static Answer of(Rejection rejection, String instance, Long connectionId) {
    WebhookProblem problem =
        new WebhookProblem(
            "about:blank",
            title(rejection.status()),
            rejection.status(),
            rejection.detail(),
            instance,
            rejection.reason().tag(),
            connectionId,
            rejection.field() == null
                ? List.of()
                : List.of(new FieldError(rejection.field(), rejection.detail())));
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(problem);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a problem record is always writable", e);
    }
    return new Answer(
        rejection.status(),
        MEDIA_TYPE,
        rejection.retryAfterSeconds() > 0
            ? Map.of("Retry-After", Long.toString(rejection.retryAfterSeconds()))
            : Map.of(),
        body);
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 429 -> "Too Many Requests";
      case 503 -> "Service Unavailable";
      default -> "Error";
    };
  }
}
