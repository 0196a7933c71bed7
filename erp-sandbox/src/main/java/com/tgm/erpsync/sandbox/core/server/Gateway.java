package com.tgm.erpsync.sandbox.core.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import com.tgm.erpsync.sandbox.core.Knobs;
import com.tgm.erpsync.sandbox.core.b1.ServiceLayer;
import com.tgm.erpsync.sandbox.core.http.Call;
import com.tgm.erpsync.sandbox.core.http.Reply;
import com.tgm.erpsync.sandbox.core.journal.RequestJournal;
import com.tgm.erpsync.sandbox.core.odata.Flavor;
import com.tgm.erpsync.sandbox.core.odata.ODataErrors;
import com.tgm.erpsync.sandbox.core.odata.ODataService;
import com.tgm.erpsync.sandbox.core.odata.Transaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The HTTP front of the sandbox: admin API, journal, knobs, token endpoint, {@code sap-client}
 * check, authentication and CSRF, then the OData services; the Business One Service Layer (its own
 * session login) under {@code /b1s/}.
 */
public final class Gateway implements HttpHandler {

  private final List<ODataService> services;
  private final ServiceLayer serviceLayer;
  private final AccessControl access;
  private final RequestJournal journal;
  private final Knobs knobs;
  private final AdminApi admin;
  private final String sapClient;

  /** A gateway over the given services. */
  public Gateway(
      List<ODataService> services,
      ServiceLayer serviceLayer,
      AccessControl access,
      RequestJournal journal,
      Knobs knobs,
      AdminApi admin,
      String sapClient) {
    this.services = services;
    this.serviceLayer = serviceLayer;
    this.access = access;
    this.journal = journal;
    this.knobs = knobs;
    this.admin = admin;
    this.sapClient = sapClient;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Call call = read(exchange);
      if (call.path().startsWith(AdminApi.PREFIX)) {
        write(exchange, call, admin.handle(call));
        return;
      }
      long seq = journal.arrived(ServiceLayer.forJournal(call));
      Knobs.Decision decision = knobs.decide();
      long latency = knobs.settings().latencyMs();
      if (latency > 0) {
        Thread.sleep(latency);
      }
      Reply reply =
          switch (decision.action()) {
            case DROP -> null;
            case FAIL ->
                fault(call, decision.status(), "/IWFND/CM_BEC/026", "Injected server failure");
            case THROTTLE ->
                fault(call, 429, "/IWFND/CM_CONSUMER/429", "Rate limit exceeded")
                    .header("Retry-After", Long.toString(decision.retryAfterSeconds()));
            case HOLD -> {
              Thread.sleep(knobs.settings().timeoutHoldMs());
              yield fault(call, 504, "/IWFND/CM_BEC/004", "Request timed out");
            }
            case SERVE -> serve(call, exchange);
          };
      if (reply == null) {
        return;
      }
      // journaled before the answer leaves: a client that has its answer finds it in the journal
      journal.answered(seq, reply.status());
      write(exchange, call, reply);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Reply serve(Call call, HttpExchange exchange) {
    if (call.path().equals(AccessControl.TOKEN_PATH)) {
      return access.token(call);
    }
    if (ServiceLayer.owns(call.path())) {
      Transaction tx = new Transaction();
      Reply reply = serviceLayer.handle(call, baseUri(exchange), tx);
      if (reply.status() < 400) {
        tx.commit();
      } else {
        tx.rollback();
      }
      return reply;
    }
    ODataService service =
        services.stream().filter(s -> s.owns(call.path())).findFirst().orElse(null);
    if (service == null) {
      return Reply.text(404, "Service cannot be reached: " + call.path());
    }
    String client = call.param("sap-client");
    if (client != null && !client.equals(sapClient)) {
      return Reply.text(401, "Logon failed: client " + client + " is not available in this system")
          .header("WWW-Authenticate", "Basic realm=\"SAP NetWeaver Application Server\"");
    }
    Optional<String> principal = access.authenticate(call, peerCertificates(exchange));
    if (principal.isEmpty()) {
      return access.unauthorized(call);
    }
    boolean fetch = "Fetch".equalsIgnoreCase(call.header("X-CSRF-Token"));
    if (call.isModifying() && !access.csrfValid(call)) {
      return Reply.text(403, "CSRF token validation failed").header("X-CSRF-Token", "Required");
    }
    Transaction tx = new Transaction();
    Reply reply = service.handle(call, baseUri(exchange), tx);
    if (reply.status() < 400) {
      tx.commit();
    } else {
      tx.rollback();
    }
    if (fetch && !call.isModifying()) {
      access.attachCsrfToken(call, reply);
    }
    return reply;
  }

  private static Reply fault(Call call, int status, String code, String message) {
    if (ServiceLayer.owns(call.path())) {
      return ServiceLayer.fault(call.path(), status, message);
    }
    Flavor flavor = call.path().contains("/odata4/") ? Flavor.V4 : Flavor.V2;
    return ODataErrors.reply(flavor, "SANDBOX", status, code, message);
  }

  private static String baseUri(HttpExchange exchange) {
    String scheme = exchange instanceof HttpsExchange ? "https" : "http";
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host == null) {
      host = "localhost:" + exchange.getLocalAddress().getPort();
    }
    return scheme + "://" + host;
  }

  private static X509Certificate[] peerCertificates(HttpExchange exchange) {
    if (!(exchange instanceof HttpsExchange https)) {
      return null;
    }
    try {
      Certificate[] chain = https.getSSLSession().getPeerCertificates();
      X509Certificate[] out = new X509Certificate[chain.length];
      for (int i = 0; i < chain.length; i++) {
        out[i] = (X509Certificate) chain[i];
      }
      return out;
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }

  private static Call read(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String method = exchange.getRequestMethod().toUpperCase();
    String tunnelled = exchange.getRequestHeaders().getFirst("X-HTTP-Method");
    if (method.equals("POST") && tunnelled != null) {
      method = tunnelled.toUpperCase();
    }
    return Call.of(
        method,
        exchange.getRequestURI().getPath(),
        exchange.getRequestURI().getRawQuery(),
        exchange.getRequestHeaders(),
        body,
        false);
  }

  private static void write(HttpExchange exchange, Call call, Reply reply) throws IOException {
    reply.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
    boolean noBody = reply.status() == 204 || reply.status() == 304 || call.method().equals("HEAD");
    if (noBody) {
      exchange.sendResponseHeaders(reply.status(), -1);
      return;
    }
    exchange.sendResponseHeaders(
        reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
    if (reply.body().length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply.body());
      }
    }
  }
}
