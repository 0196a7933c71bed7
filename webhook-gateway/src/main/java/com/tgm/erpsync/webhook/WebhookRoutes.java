package com.tgm.erpsync.webhook;

import com.tgm.erpsync.webhook.format.WebhookRoute;
import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The ERP-facing webhook URLs, served straight on the HTTP event loop: {@code POST
 * /api/webhooks/erp/{connectionId}}, the family URLs {@code /sap/}, {@code /dynamics/}, {@code
 * /oracle/} (which also check that the body is in that family's format), and Business Central's
 * handshake as a GET. A body is read up to the limit and no further; the work is {@link
 * WebhookIntake}'s, and nothing here blocks.
 */
@ApplicationScoped
public class WebhookRoutes {
  private static final String BASE = "/api/webhooks/erp/";
  private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("\\d{1,19}");

  private final WebhookIntake intake;
  private final long limit;

  public WebhookRoutes(WebhookIntake intake, WebhookConfig config) {
    this.intake = intake;
    this.limit = config.maxBodySize().asLongValue();
  }

  void register(@Observes Router router) {
    router.post(BASE + ":connectionId").handler(ctx -> receive(ctx, WebhookRoute.GENERIC, true));
    router.post(BASE + "sap/:connectionId").handler(ctx -> receive(ctx, WebhookRoute.SAP, true));
    router
        .post(BASE + "dynamics/:connectionId")
        .handler(ctx -> receive(ctx, WebhookRoute.DYNAMICS, true));
    router
        .get(BASE + "dynamics/:connectionId")
        .handler(ctx -> receive(ctx, WebhookRoute.DYNAMICS, false));
    router
        .post(BASE + "oracle/:connectionId")
        .handler(ctx -> receive(ctx, WebhookRoute.ORACLE, true));
  }

  private void receive(RoutingContext ctx, WebhookRoute route, boolean post) {
    long arrived = System.nanoTime();
    HttpServerRequest request = ctx.request();
    String connectionId = ctx.pathParam("connectionId");
    String path =
        BASE
            + (route == WebhookRoute.GENERIC ? "" : route.name().toLowerCase(Locale.ROOT) + "/")
            + (ID.matcher(connectionId).matches() ? connectionId : "{connectionId}");
    String token = request.getParam("validationToken");
    if (!post && token == null) {
      token = ""; // a GET is a handshake or nothing
    }
    String code = request.getParam("code");
    Map<String, String> headers = new HashMap<>();
    request
        .headers()
        .forEach(
            header ->
                headers.putIfAbsent(header.getKey().toLowerCase(Locale.ROOT), header.getValue()));
    String validationToken = token;
    Buffer body = Buffer.buffer();
    boolean[] tooLarge = {false};
    request.handler(
        chunk -> {
          if (tooLarge[0]) {
            return;
          }
          if (body.length() + chunk.length() > limit) {
            tooLarge[0] = true;
          } else {
            body.appendBuffer(chunk);
          }
        });
    request.endHandler(
        ended ->
            intake
                .receive(
                    new WebhookIntake.Request(
                        route,
                        connectionId,
                        path,
                        headers,
                        validationToken,
                        code,
                        tooLarge[0] ? new byte[0] : body.getBytes(),
                        tooLarge[0],
                        arrived))
                .whenComplete((answer, error) -> reply(ctx, answer, error)));
    request.resume(); // the router holds a request's body back until a handler takes it
  }

  private static void reply(RoutingContext ctx, Answer answer, Throwable error) {
    Context context = Vertx.currentContext();
    if (context == null || context.isWorkerContext()) {
      ctx.vertx().runOnContext(ignored -> write(ctx, answer, error));
    } else {
      write(ctx, answer, error);
    }
  }

  private static void write(RoutingContext ctx, Answer answer, Throwable error) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    if (error != null) {
      // a fault of the gateway's own: the ERP is to send it again, never to drop its subscription
      Log.errorf(error, "Webhook %s failed inside the gateway", ctx.request().path());
      response
          .setStatusCode(503)
          .putHeader("Retry-After", "5")
          .putHeader("Content-Type", WebhookProblem.MEDIA_TYPE)
          .end(
              "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                  + "\"detail\":\"the webhook could not be handled; send it again\","
                  + "\"reason\":\"internal\"}");
      return;
    }
    response.setStatusCode(answer.status());
    response.putHeader("Content-Type", answer.contentType());
    answer.headers().forEach(response::putHeader);
    response.end(Buffer.buffer(answer.body()));
  }
}
