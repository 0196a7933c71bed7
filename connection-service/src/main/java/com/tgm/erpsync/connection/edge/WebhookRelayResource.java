package com.tgm.erpsync.connection.edge;

import com.tgm.erpsync.connection.rest.Problem;
import io.quarkus.logging.Log;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The webhook URLs on the admin API's host, as the guide gives them ({@code
 * /api/webhooks/erp/{connectionId}} and the family URLs): relayed as they are to the webhook
 * gateway named by {@code tgm.webhook-gateway.url}, its answer relayed back as it is (a 503 and its
 * Retry-After included, so an ERP retries rather than dropping its subscription). A deployment with
 * an ingress routes {@code /api/webhooks} to the gateway itself and leaves this unset. No admin
 * token: ERPs authenticate with the connection's webhook secret, which the gateway checks.
 */
@Path("/api/webhooks/erp")
@Tag(name = "Webhooks")
public class WebhookRelayResource {
  /** Request headers that carry the webhook's content, credentials and trace. */
  private static final List<String> FORWARDED_PREFIXES =
      List.of(
          "content-type",
          "x-webhook-",
          "ce-",
          "x-ms-",
          "x-request-id",
          "traceparent",
          "tracestate");

  private static final List<String> RETURNED =
      List.of("Content-Type", "Retry-After", "X-Content-Type-Options");

  private final Optional<URI> gateway;
  private final Duration timeout;
  private final HttpClient http;

  public WebhookRelayResource(
      @ConfigProperty(name = "tgm.webhook-gateway.url") Optional<URI> gateway,
      @ConfigProperty(name = "tgm.webhook-gateway.timeout", defaultValue = "15s")
          Duration timeout) {
    this.gateway = gateway;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  @POST
  @Path("/{path: .+}")
  @Operation(
      summary = "Receive an ERP webhook",
      description =
          "Relayed to the webhook gateway, which checks the connection's webhook secret or"
              + " signature and queues the change; see the gateway's README for the formats.")
  public CompletionStage<Response> post(
      @PathParam("path") String path,
      @Context UriInfo uri,
      @Context HttpHeaders headers,
      byte[] body) {
    return relay("POST", uri, headers, body);
  }

  @GET
  @Path("/{path: .+}")
  @Operation(summary = "Answer Business Central's validationToken handshake")
  public CompletionStage<Response> get(
      @PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders headers) {
    return relay("GET", uri, headers, new byte[0]);
  }

  private CompletionStage<Response> relay(
      String method, UriInfo uri, HttpHeaders headers, byte[] body) {
    if (gateway.isEmpty()) {
      return CompletableFuture.completedFuture(
          problem(
              404,
              "Webhooks are received by the webhook gateway: route /api/webhooks to it, or set"
                  + " tgm.webhook-gateway.url (WEBHOOK_GATEWAY_URL) for this service to relay"
                  + " them",
              0));
    }
    // the raw path and query as the ERP sent them, on the gateway's host
    URI sent = uri.getRequestUri();
    URI target =
        gateway
            .get()
            .resolve(
                sent.getRawPath() + (sent.getRawQuery() == null ? "" : "?" + sent.getRawQuery()));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .timeout(timeout)
            .method(
                method,
                body == null || body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, List<String>> header : headers.getRequestHeaders().entrySet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (FORWARDED_PREFIXES.stream().anyMatch(name::startsWith)) {
        header.getValue().forEach(value -> request.header(header.getKey(), value));
      }
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
        .handle(
            (answer, error) -> {
              if (error != null) {
                Log.warnf(
                    "ERP edge: the webhook gateway did not answer a webhook (%s)",
                    error.getClass().getSimpleName());
                return problem(
                    503, "The webhook gateway is unavailable; send the webhook again", 5);
              }
              Response.ResponseBuilder relayed = Response.status(answer.statusCode());
              if (answer.body().length > 0) {
                relayed.entity(answer.body());
              }
              for (String name : RETURNED) {
                answer.headers().firstValue(name).ifPresent(value -> relayed.header(name, value));
              }
              return relayed.build();
            });
  }

  private static Response problem(int status, String detail, int retryAfter) {
    Response.ResponseBuilder response =
        Response.fromResponse(
            new Problem(
                    "about:blank",
                    Response.Status.fromStatusCode(status).getReasonPhrase(),
                    status,
                    detail,
                    null,
                    List.of())
                .toResponse());
    if (retryAfter > 0) {
      response.header("Retry-After", Integer.toString(retryAfter));
    }
    return response.build();
  }
}
