package com.tgm.erpsync.sandbox.core.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.sandbox.core.Knobs;
import com.tgm.erpsync.sandbox.core.SandboxClock;
import com.tgm.erpsync.sandbox.core.http.Call;
import com.tgm.erpsync.sandbox.core.http.Reply;
import com.tgm.erpsync.sandbox.core.journal.JournalEntry;
import com.tgm.erpsync.sandbox.core.journal.JournalFilter;
import com.tgm.erpsync.sandbox.core.journal.RequestJournal;
import com.tgm.erpsync.sandbox.core.tls.ClientIdentity;
import com.tgm.erpsync.sandbox.core.tls.SandboxTls;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The sandbox's own control API under {@code /sandbox/admin}: knobs, forced failures, journal,
 * CSRF, token and Business One session expiry, clock, reset, TLS material and the business event
 * subscription. Neither journaled nor subject to knobs.
 */
public final class AdminApi {

  /** Path prefix of the admin API. */
  public static final String PREFIX = "/sandbox/admin";

  private final Knobs knobs;
  private final RequestJournal journal;
  private final AccessControl access;
  private final SandboxClock clock;
  private final SandboxTls tls;
  private final Runnable reset;
  private final Supplier<Map<String, Object>> status;
  private final Runnable expireB1Sessions;
  private final BusinessEvents events;

  /**
   * The admin API of one sandbox.
   *
   * @param tls TLS material, or null when the HTTPS server is off
   * @param reset forgets all data changes
   * @param status describes the sandbox
   * @param expireB1Sessions ends every Business One Service Layer session
   * @param events the S/4HANA business events and their subscription
   */
  public AdminApi(
      Knobs knobs,
      RequestJournal journal,
      AccessControl access,
      SandboxClock clock,
      SandboxTls tls,
      Runnable reset,
      Supplier<Map<String, Object>> status,
      Runnable expireB1Sessions,
      BusinessEvents events) {
    this.knobs = knobs;
    this.journal = journal;
    this.access = access;
    this.clock = clock;
    this.tls = tls;
    this.reset = reset;
    this.status = status;
    this.expireB1Sessions = expireB1Sessions;
    this.events = events;
  }

  /** Serves an admin call. */
  public Reply handle(Call call) {
    String path = call.path().substring(PREFIX.length());
    String route = call.method() + " " + path;
    try {
      return switch (route) {
        case "GET /status", "GET " -> Reply.json(200, status.get());
        case "GET /knobs" -> Reply.json(200, knobs.settings());
        case "PUT /knobs", "PATCH /knobs", "POST /knobs" -> updateKnobs(call);
        case "POST /fail-next" -> {
          JsonNode body = Reply.JSON.readTree(call.body());
          knobs.failNext(body.path("count").asInt(1), body.path("status").asInt(503));
          yield Reply.empty(204);
        }
        case "GET /journal" -> Reply.json(200, journal(call));
        case "DELETE /journal" -> {
          journal.clear();
          yield Reply.empty(204);
        }
        case "POST /csrf/expire" -> {
          access.expireCsrfTokens();
          yield Reply.empty(204);
        }
        case "POST /oauth/expire" -> {
          access.expireAccessTokens();
          yield Reply.empty(204);
        }
        case "POST /b1/sessions/expire" -> {
          expireB1Sessions.run();
          yield Reply.empty(204);
        }
        case "GET /clock" -> Reply.json(200, Map.of("now", clock.instant().toString()));
        case "POST /clock" -> {
          JsonNode body = Reply.JSON.readTree(call.body());
          if (body.hasNonNull("now")) {
            clock.set(Instant.parse(body.get("now").asText()));
          }
          if (body.hasNonNull("advanceSeconds")) {
            clock.advance(Duration.ofSeconds(body.get("advanceSeconds").asLong()));
          }
          yield Reply.json(200, Map.of("now", clock.instant().toString()));
        }
        case "POST /reset" -> {
          reset.run();
          yield Reply.empty(204);
        }
        case "GET /certificate" ->
            tls == null
                ? Reply.text(404, "HTTPS is off")
                : Reply.bytes(
                    200,
                    "application/x-pem-file",
                    tls.serverCertificatePem().getBytes(StandardCharsets.US_ASCII));
        case "POST /client-certificate" -> {
          if (tls == null) {
            yield Reply.text(404, "HTTPS is off");
          }
          String cn = call.param("cn") == null ? "TGM_SYNC" : call.param("cn");
          ClientIdentity id = tls.issueClientCertificate(cn);
          yield Reply.bytes(200, "application/x-pkcs12", id.pkcs12())
              .header("X-Keystore-Password", new String(id.password()));
        }
        case "GET /events/subscription" -> Reply.json(200, eventSubscription());
        case "PUT /events/subscription" -> {
          JsonNode body = Reply.JSON.readTree(call.body());
          if (!body.path("endpoint").isTextual()) {
            yield Reply.text(400, "Bad admin request: endpoint is required");
          }
          Map<String, String> headers = new LinkedHashMap<>();
          body.path("headers")
              .fields()
              .forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
          events.subscribe(
              new BusinessEvents.Subscription(URI.create(body.get("endpoint").asText()), headers));
          yield Reply.json(200, eventSubscription());
        }
        case "DELETE /events/subscription" -> {
          events.unsubscribe();
          yield Reply.empty(204);
        }
        default -> Reply.text(404, "Unknown admin resource: " + route);
      };
    } catch (IOException | RuntimeException e) {
      return Reply.text(400, "Bad admin request: " + e.getMessage());
    }
  }

  /** The subscription's endpoint and header names (not their values) and the delivery counts. */
  private Map<String, Object> eventSubscription() {
    BusinessEvents.Subscription subscription = events.subscription();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("endpoint", subscription == null ? null : subscription.endpoint().toString());
    answer.put(
        "headers", subscription == null ? List.of() : List.copyOf(subscription.headers().keySet()));
    answer.put("deliveries", events.deliveries());
    return answer;
  }

  private Reply updateKnobs(Call call) throws IOException {
    ObjectNode current = Reply.JSON.valueToTree(knobs.settings());
    JsonNode body = Reply.JSON.readTree(call.body());
    body.fields().forEachRemaining(e -> current.set(e.getKey(), e.getValue()));
    knobs.apply(Reply.JSON.treeToValue(current, Knobs.Settings.class));
    return Reply.json(200, knobs.settings());
  }

  private List<Map<String, Object>> journal(Call call) {
    JournalFilter filter = JournalFilter.all();
    if (call.param("method") != null && !call.param("method").isEmpty()) {
      filter = filter.method(call.param("method"));
    }
    if (call.param("pathContains") != null && !call.param("pathContains").isEmpty()) {
      filter = filter.pathContains(call.param("pathContains"));
    }
    if (call.param("since") != null && !call.param("since").isEmpty()) {
      filter = filter.since(Instant.parse(call.param("since")));
    }
    if (call.param("status") != null && !call.param("status").isEmpty()) {
      filter = filter.status(Integer.parseInt(call.param("status")));
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (JournalEntry e : journal.find(filter)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("sequence", e.sequence());
      m.put("arrivedAt", e.arrivedAt().toString());
      m.put("method", e.method());
      m.put("path", e.path());
      m.put("query", e.query());
      m.put("headers", e.headers());
      m.put("body", e.body());
      m.put("status", e.status());
      m.put("batchPart", e.batchPart());
      out.add(m);
    }
    return out;
  }
}
