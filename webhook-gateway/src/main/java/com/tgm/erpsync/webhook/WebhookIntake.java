package com.tgm.erpsync.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.tgm.erpsync.connections.ConnectionTableListener;
import com.tgm.erpsync.contracts.ErpFamily;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.change.ErpChangeNotification;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.webhook.connection.WebhookConnections;
import com.tgm.erpsync.webhook.connection.WebhookTarget;
import com.tgm.erpsync.webhook.format.ChangeEvent;
import com.tgm.erpsync.webhook.format.InboundWebhook;
import com.tgm.erpsync.webhook.format.MalformedWebhookException;
import com.tgm.erpsync.webhook.format.ParsedWebhook;
import com.tgm.erpsync.webhook.format.WebhookFormats;
import com.tgm.erpsync.webhook.format.WebhookRoute;
import com.tgm.erpsync.webhook.ingest.ChangePublisher;
import com.tgm.erpsync.webhook.ingest.Credentials;
import com.tgm.erpsync.webhook.ingest.RateLimiter;
import com.tgm.erpsync.webhook.ingest.Rejection;
import com.tgm.erpsync.webhook.ingest.Rejection.Reason;
import com.tgm.erpsync.webhook.ingest.ReplayGuard;
import com.tgm.erpsync.webhook.ingest.ReplayGuard.Claim;
import com.tgm.erpsync.webhook.ingest.WebhookMetrics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Takes one webhook request from arrival to answer: the connection (known, enabled, webhooks on,
 * the right URL), its rate limit, the Business Central handshake, size and media type, the
 * credentials, the body read in the ERP's format, replay protection, and the publication of one
 * {@link ErpChangeNotification} per new event, answered 200 only once the broker acknowledged all
 * of them. A refused request publishes nothing and is answered with problem+json; a problem of the
 * gateway's own (not ready, misconfigured, broker away) is a 503 with Retry-After, never a 4xx an
 * ERP would take for "drop this subscription".
 */
@ApplicationScoped
public class WebhookIntake implements ConnectionTableListener {
  private static final Pattern TRACEPARENT =
      Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
  private static final int MAX_VALIDATION_TOKEN = 1024;
  private static final String UNKNOWN = "unknown";

  private final WebhookConnections connections;
  private final ChangePublisher publisher;
  private final WebhookMetrics metrics;
  private final WebhookConfig config;
  private final WebhookFormats formats;
  private final ObjectReader json;
  private final RateLimiter limiter = new RateLimiter();
  private final ReplayGuard replays;
  private final Clock clock = Clock.systemUTC();

  public WebhookIntake(
      WebhookConnections connections,
      ChangePublisher publisher,
      WebhookMetrics metrics,
      WebhookConfig config,
      ObjectMapper mapper) {
    this.connections = connections;
    this.publisher = publisher;
    this.metrics = metrics;
    this.config = config;
    this.formats = new WebhookFormats(mapper);
    this.replays = new ReplayGuard(config.replay().window(), config.replay().maxEvents());
    // bodies come from outside: shallow nesting only, one JSON value and nothing after it
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();
    this.json =
        new ObjectMapper(factory)
            .reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
  }

  /**
   * A webhook request as it arrived.
   *
   * @param bodyTooLarge the body went past the limit, and was not read further
   */
  public record Request(
      WebhookRoute route,
      String connectionId,
      String path,
      Map<String, String> headers,
      String validationToken,
      String code,
      byte[] body,
      boolean bodyTooLarge,
      long arrivedNanos) {

    String header(String lowerCaseName) {
      return headers.get(lowerCaseName);
    }
  }

  public CompletionStage<Answer> receive(Request request) {
    long id;
    try {
      id = Long.parseLong(request.connectionId());
    } catch (NumberFormatException e) {
      return done(request, null, reject(Reason.UNKNOWN_CONNECTION, "no such connection"));
    }
    if (!connections.isLoaded()) {
      return done(
          request,
          null,
          new Rejection(Reason.NOT_READY, "the gateway is still reading the connections", null, 5));
    }
    Optional<WebhookTarget> known = connections.find(id);
    if (known.isPresent()) {
      return receive(request, known.get());
    }
    // created a moment ago? read erp.connections up to its end, off the event loop
    return CompletableFuture.supplyAsync(
            () -> {
              try {
                return connections.findAfterCatchUp(id, config.catchUpWait());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.<WebhookTarget>empty();
              }
            },
            Infrastructure.getDefaultWorkerPool())
        .thenCompose(
            found ->
                found
                    .map(target -> receive(request, target))
                    .orElseGet(
                        () ->
                            done(
                                request,
                                null,
                                reject(
                                    Reason.UNKNOWN_CONNECTION,
                                    "no connection " + id + " exists"))));
  }

  private CompletionStage<Answer> receive(Request request, WebhookTarget target) {
    Optional<Rejection> refused = admit(request, target);
    if (refused.isPresent()) {
      return done(request, target, refused.get());
    }
    if (request.validationToken() != null) {
      return handshake(request, target);
    }
    Optional<Rejection> unreadable = checkEnvelope(request);
    if (unreadable.isPresent()) {
      return done(request, target, unreadable.get());
    }
    boolean bodyCarriesSecret = target.erpType() == ErpType.DYNAMICS_365_BC;
    Optional<Rejection> unauthenticated =
        Credentials.verify(
            target.secret(),
            request.header("x-webhook-secret"),
            request.route() == WebhookRoute.DYNAMICS || request.route() == WebhookRoute.GENERIC
                ? request.code()
                : null,
            request.header("x-webhook-signature"),
            request.header("x-webhook-timestamp"),
            request.body(),
            clock.instant(),
            config.signatureTolerance(),
            bodyCarriesSecret);
    if (unauthenticated.isPresent()) {
      return done(request, target, unauthenticated.get());
    }
    ParsedWebhook parsed;
    try {
      JsonNode body = parse(request.body());
      parsed =
          formats.read(
              new InboundWebhook(
                  request.route(), target.erpType(), request.headers(), mediaType(request)),
              body,
              target.mapping());
    } catch (MalformedWebhookException e) {
      return done(request, target, new Rejection(Reason.MALFORMED, e.getMessage(), e.field(), 0));
    }
    if (bodyCarriesSecret) {
      Optional<Rejection> wrongState =
          parsed.bodySecrets().isEmpty() && noHeaderCredentials(request)
              ? Optional.of(
                  new Rejection(
                      Reason.MISSING_CREDENTIALS,
                      "the notifications carry no clientState and no X-Webhook-Secret was sent",
                      "value[0].clientState",
                      0))
              : Credentials.verifyBodySecrets(target.secret(), parsed.bodySecrets());
      if (wrongState.isPresent()) {
        return done(request, target, wrongState.get());
      }
    }
    return publish(request, target, parsed);
  }

  /** Connection state, URL and rate limit, before anything of the request is read. */
  private Optional<Rejection> admit(Request request, WebhookTarget target) {
    if (!target.enabled()) {
      return Optional.of(
          reject(
              Reason.CONNECTION_DISABLED, "connection " + target.connectionId() + " is disabled"));
    }
    if (!target.webhookEnabled()) {
      return Optional.of(
          reject(
              Reason.WEBHOOKS_DISABLED,
              "webhooks are not enabled on connection " + target.connectionId()));
    }
    ErpFamily expected =
        switch (request.route()) {
          case SAP -> ErpFamily.SAP;
          case DYNAMICS -> ErpFamily.DYNAMICS;
          case ORACLE -> ErpFamily.ORACLE;
          case GENERIC -> null;
        };
    if (expected != null && target.family() != expected) {
      return Optional.of(
          reject(
              Reason.WRONG_ROUTE,
              "connection "
                  + target.connectionId()
                  + " is a "
                  + target.erpType()
                  + " connection: its webhooks go to /api/webhooks/erp/"
                  + target.family().topicSuffix()
                  + "/"
                  + target.connectionId()));
    }
    if (target.problem() != null) {
      return Optional.of(
          new Rejection(
              Reason.MISCONFIGURED,
              "the connection's webhook configuration is unusable; an administrator must fix it",
              null,
              60));
    }
    int requests = target.rateLimit() > 0 ? target.rateLimit() : config.rateLimit().requests();
    long wait =
        limiter.tryAcquire(
            target.connectionId(), requests, config.rateLimit().period(), System.nanoTime());
    if (wait > 0) {
      return Optional.of(
          new Rejection(
              Reason.RATE_LIMITED,
              "more than "
                  + requests
                  + " webhook requests per "
                  + config.rateLimit().period().toSeconds()
                  + " s for connection "
                  + target.connectionId(),
              null,
              wait));
    }
    return Optional.empty();
  }

  /**
   * Business Central's subscription handshake: the token echoed as plain text, on creation and on
   * every renewal. Only Dynamics connections are asked it.
   */
  private CompletionStage<Answer> handshake(Request request, WebhookTarget target) {
    String token = request.validationToken();
    if (target.family() != ErpFamily.DYNAMICS) {
      return done(
          request,
          target,
          new Rejection(
              Reason.BAD_VALIDATION_TOKEN,
              "a validationToken handshake is Business Central's; connection "
                  + target.connectionId()
                  + " is "
                  + target.erpType(),
              "validationToken",
              0));
    }
    if (token.isEmpty()
        || token.length() > MAX_VALIDATION_TOKEN
        || token.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return done(
          request,
          target,
          new Rejection(
              Reason.BAD_VALIDATION_TOKEN,
              "validationToken must be 1 to " + MAX_VALIDATION_TOKEN + " printable characters",
              "validationToken",
              0));
    }
    Log.infof("Webhook handshake of connection %d answered", target.connectionId());
    metrics.latency(tag(target), "handshake", System.nanoTime() - request.arrivedNanos());
    return CompletableFuture.completedFuture(Answer.text(200, token));
  }

  private Optional<Rejection> checkEnvelope(Request request) {
    long limit = config.maxBodySize().asLongValue();
    String length = request.header("content-length");
    if (request.bodyTooLarge() || request.body().length > limit || declaredLength(length) > limit) {
      return Optional.of(
          new Rejection(Reason.TOO_LARGE, "the body is larger than " + limit + " bytes", null, 0));
    }
    String media = mediaType(request);
    if (media == null || !(media.equals("application/json") || media.endsWith("+json"))) {
      return Optional.of(
          new Rejection(
              Reason.UNSUPPORTED_MEDIA_TYPE,
              "the body must be JSON (application/json or application/cloudevents+json), not "
                  + (media == null ? "untyped" : media),
              "Content-Type",
              0));
    }
    return Optional.empty();
  }

  private JsonNode parse(byte[] body) throws MalformedWebhookException {
    if (body.length == 0) {
      throw new MalformedWebhookException(null, "the body is empty");
    }
    try {
      JsonNode node = json.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new MalformedWebhookException(null, "the body is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      String reason = e.getOriginalMessage();
      if (reason.startsWith("Duplicate field")) {
        int end = reason.indexOf(" for ");
        reason = (end > 0 ? reason.substring(0, end) : "a field") + " appears twice in an object";
      } else if (reason.startsWith("Trailing token")) {
        reason = "more than one JSON value";
      }
      throw new MalformedWebhookException(
          null,
          "the body is not valid JSON: "
              + reason
              + (e.getLocation() == null
                  ? ""
                  : " (line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()
                      + ")"));
    } catch (IOException e) {
      throw new MalformedWebhookException(null, "the body is not valid JSON");
    }
  }

  private CompletionStage<Answer> publish(
      Request request, WebhookTarget target, ParsedWebhook parsed) {
    long id = target.connectionId();
    Instant receivedAt = clock.instant();
    List<ErpChangeNotification> fresh = new ArrayList<>();
    List<String> claimed = new ArrayList<>();
    Set<String> inRequest = new HashSet<>();
    int duplicates = 0;
    long now = System.nanoTime();
    for (ChangeEvent event : parsed.events()) {
      if (!inRequest.add(event.eventId())) {
        duplicates++;
        continue;
      }
      Claim claim = replays.claim(id, event.eventId(), now);
      if (claim == Claim.DUPLICATE) {
        duplicates++;
      } else if (claim == Claim.IN_FLIGHT) {
        claimed.forEach(eventId -> replays.release(id, eventId));
        return done(
            request,
            target,
            new Rejection(
                Reason.NOT_PUBLISHED,
                "event " + event.eventId() + " is being published by another delivery",
                null,
                1));
      } else {
        claimed.add(event.eventId());
        fresh.add(notification(request, target, event, receivedAt));
      }
    }
    int repeated = duplicates;
    if (repeated > 0) {
      metrics.duplicates(tag(target), repeated);
      Log.infof(
          "Webhook for connection %d: %d duplicate event(s) not published again", id, repeated);
    }
    if (fresh.isEmpty()) {
      return CompletableFuture.completedFuture(accepted(request, target, parsed, 0, repeated));
    }
    // the broker's acknowledgement arrives on the producer's network thread: the answer is made
    // on the request's own event loop, so that thread goes straight back to the broker
    Context context = Vertx.currentContext();
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    publisher
        .publish(fresh)
        .whenComplete(
            (ok, error) -> {
              Runnable reply =
                  () -> {
                    try {
                      answer.complete(published(request, target, parsed, claimed, error, repeated));
                    } catch (RuntimeException e) {
                      answer.completeExceptionally(e);
                    }
                  };
              if (context == null) {
                reply.run();
              } else {
                context.runOnContext(ignored -> reply.run());
              }
            });
    return answer;
  }

  private Answer published(
      Request request,
      WebhookTarget target,
      ParsedWebhook parsed,
      List<String> claimed,
      Throwable error,
      int repeated) {
    long id = target.connectionId();
    if (error != null) {
      claimed.forEach(eventId -> replays.release(id, eventId));
      Log.warnf(
          "Webhook for connection %d: %d event(s) not acknowledged by the broker: %s",
          id, claimed.size(), error.toString());
      return answer(
          request,
          target,
          new Rejection(
              Reason.NOT_PUBLISHED, "the events could not be queued; send them again", null, 5));
    }
    long at = System.nanoTime();
    claimed.forEach(eventId -> replays.accepted(id, eventId, at));
    metrics.accepted(tag(target), parsed.format(), claimed.size());
    return accepted(request, target, parsed, claimed.size(), repeated);
  }

  private Answer accepted(
      Request request, WebhookTarget target, ParsedWebhook parsed, int published, int repeated) {
    metrics.latency(tag(target), "accepted", System.nanoTime() - request.arrivedNanos());
    // four numbers and a format name: written directly, no serializer looked up per answer
    String body =
        "{\"connectionId\":"
            + target.connectionId()
            + ",\"format\":\""
            + parsed.format()
            + "\",\"accepted\":"
            + published
            + ",\"duplicates\":"
            + repeated
            + "}";
    return Answer.json(200, body);
  }

  private ErpChangeNotification notification(
      Request request, WebhookTarget target, ChangeEvent event, Instant receivedAt) {
    String traceparent = request.header("traceparent");
    boolean traced = traceparent != null && TRACEPARENT.matcher(traceparent).matches();
    MessageMeta meta =
        new MessageMeta(
            MessageMeta.CURRENT_SCHEMA_VERSION,
            messageId(target.connectionId(), event.eventId()),
            null,
            traced ? traceparent : null,
            traced ? request.header("tracestate") : null,
            receivedAt);
    return new ErpChangeNotification(
        meta,
        target.connectionId(),
        target.erpType(),
        event.entity(),
        event.key(),
        event.changeType(),
        event.values(),
        event.filter(),
        event.eventId(),
        event.source(),
        event.occurredAt(),
        receivedAt);
  }

  /**
   * The same event of the same connection is always the same message, so a repeat that reached
   * another gateway replica is still dropped by the orchestrator's processed-message check.
   */
  static String messageId(long connectionId, String eventId) {
    return UUID.nameUUIDFromBytes(
            ("erp-change:" + connectionId + ":" + eventId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private CompletionStage<Answer> done(Request request, WebhookTarget target, Rejection rejection) {
    return CompletableFuture.completedFuture(answer(request, target, rejection));
  }

  private Answer answer(Request request, WebhookTarget target, Rejection rejection) {
    String connection = tag(target);
    metrics.rejected(connection, rejection.reason().tag());
    metrics.latency(connection, "rejected", System.nanoTime() - request.arrivedNanos());
    String message = "Webhook for connection %s rejected (%s): %s";
    String id = target == null ? printable(request.connectionId()) : connection;
    if (rejection.status() == 401) {
      Log.warnf(message, id, rejection.reason().tag(), rejection.detail());
    } else {
      Log.infof(message, id, rejection.reason().tag(), rejection.detail());
    }
    return WebhookProblem.of(
        rejection, request.path(), target == null ? null : target.connectionId());
  }

  @Override
  public void changed(long connectionId, ConnectionSnapshot before, ConnectionSnapshot now) {
    if (now == null) {
      limiter.forget(connectionId);
      replays.forget(connectionId);
    }
  }

  private static boolean noHeaderCredentials(Request request) {
    return request.header("x-webhook-secret") == null
        && request.header("x-webhook-signature") == null
        && request.code() == null;
  }

  private static String mediaType(Request request) {
    String type = request.header("content-type");
    if (type == null || type.isBlank()) {
      return null;
    }
    int semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }

  private static long declaredLength(String header) {
    if (header == null) {
      return 0;
    }
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String tag(WebhookTarget target) {
    return target == null ? UNKNOWN : Long.toString(target.connectionId());
  }

  private static String printable(String raw) {
    String cut = raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
    return cut.replaceAll("[^\\w.-]", "?");
  }

  private static Rejection reject(Reason reason, String detail) {
    return new Rejection(reason, detail);
  }
}
