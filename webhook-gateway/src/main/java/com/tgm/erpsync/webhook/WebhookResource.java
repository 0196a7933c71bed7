package com.tgm.erpsync.webhook;

import com.tgm.erpsync.webhook.format.WebhookRoute;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The ERP-facing webhook URLs. A connection's webhooks go to {@code /api/webhooks/erp/{id}}, or to
 * the URL of its ERP family ({@code sap}, {@code dynamics}, {@code oracle}), which also checks that
 * the body is in that family's format. The work happens in {@link WebhookIntake}; the answer is
 * given without blocking an event loop thread.
 */
@Path("/api/webhooks/erp")
public class WebhookResource {
  private static final String BASE = "/api/webhooks/erp/";

  @Inject WebhookIntake intake;

  @POST
  @Path("/{connectionId}")
  @Operation(summary = "Receive a webhook of any supported format")
  public CompletionStage<Response> generic(
      @PathParam("connectionId") String connectionId,
      @QueryParam("validationToken") String validationToken,
      @QueryParam("code") String code,
      @Context HttpHeaders headers,
      byte[] body) {
    return receive(WebhookRoute.GENERIC, connectionId, validationToken, code, headers, body);
  }

  @POST
  @Path("/sap/{connectionId}")
  @Operation(summary = "Receive S/4HANA business events (CloudEvents, structured or binary)")
  public CompletionStage<Response> sap(
      @PathParam("connectionId") String connectionId, @Context HttpHeaders headers, byte[] body) {
    return receive(WebhookRoute.SAP, connectionId, null, null, headers, body);
  }

  @POST
  @Path("/dynamics/{connectionId}")
  @Operation(
      summary = "Receive Business Central notifications, Dataverse webhooks or F&O business events")
  public CompletionStage<Response> dynamics(
      @PathParam("connectionId") String connectionId,
      @QueryParam("validationToken") String validationToken,
      @QueryParam("code") String code,
      @Context HttpHeaders headers,
      byte[] body) {
    return receive(WebhookRoute.DYNAMICS, connectionId, validationToken, code, headers, body);
  }

  /** Business Central's handshake, should it come as a GET. */
  @GET
  @Path("/dynamics/{connectionId}")
  @Operation(summary = "Answer Business Central's validationToken handshake")
  public CompletionStage<Response> dynamicsHandshake(
      @PathParam("connectionId") String connectionId,
      @QueryParam("validationToken") String validationToken,
      @Context HttpHeaders headers) {
    return receive(
        WebhookRoute.DYNAMICS,
        connectionId,
        validationToken == null ? "" : validationToken,
        null,
        headers,
        new byte[0]);
  }

  @POST
  @Path("/oracle/{connectionId}")
  @Operation(summary = "Receive JSON webhooks laid out as the connection's webhook mapping says")
  public CompletionStage<Response> oracle(
      @PathParam("connectionId") String connectionId, @Context HttpHeaders headers, byte[] body) {
    return receive(WebhookRoute.ORACLE, connectionId, null, null, headers, body);
  }

  private CompletionStage<Response> receive(
      WebhookRoute route,
      String connectionId,
      String validationToken,
      String code,
      HttpHeaders headers,
      byte[] body) {
    long arrived = System.nanoTime();
    String path =
        BASE
            + (route == WebhookRoute.GENERIC ? "" : route.name().toLowerCase(Locale.ROOT) + "/")
            + (connectionId.matches("\\d{1,19}") ? connectionId : "{connectionId}");
    return intake.receive(
        new WebhookIntake.Request(
            route,
            connectionId,
            path,
            lowerCase(headers),
            validationToken,
            code,
            body == null ? new byte[0] : body,
            arrived));
  }

  private static Map<String, String> lowerCase(HttpHeaders headers) {
    Map<String, String> lower = new HashMap<>();
    for (Map.Entry<String, List<String>> header : headers.getRequestHeaders().entrySet()) {
      if (!header.getValue().isEmpty()) {
        lower.putIfAbsent(header.getKey().toLowerCase(Locale.ROOT), header.getValue().get(0));
      }
    }
    return lower;
  }
}
