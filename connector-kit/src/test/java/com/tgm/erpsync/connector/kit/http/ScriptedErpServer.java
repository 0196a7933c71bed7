package com.tgm.erpsync.connector.kit.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * A real HTTP(S) server standing in for an ERP: each path answers from a script (the last reply
 * repeats), and every request is recorded with its arrival time, headers and body.
 */
final class ScriptedErpServer implements AutoCloseable {

  /** One request as the server saw it; {@code nanos} is System.nanoTime() on arrival. */
  record Arrival(
      long nanos,
      String method,
      String path,
      Map<String, List<String>> headers,
      String body,
      String clientPrincipal) {

    String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    List<String> headerValues(String name) {
      List<String> values = headers.get(name);
      return values == null ? List.of() : values;
    }
  }

  /** How the server answers one request. */
  @FunctionalInterface
  interface Reply {
    void respond(HttpExchange exchange, Arrival arrival) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(48);
  private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
  private final List<Arrival> arrivals = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  private ScriptedErpServer(HttpServer server) {
    this.server = server;
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  static ScriptedErpServer start() throws IOException {
    return new ScriptedErpServer(
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
  }

  static ScriptedErpServer startTls(SSLContext context, boolean needClientAuth) throws IOException {
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(context) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
            parameters.setNeedClientAuth(needClientAuth);
            params.setSSLParameters(parameters);
          }
        });
    return new ScriptedErpServer(server);
  }

  /** Scripts a path: replies in order, the last one repeating. */
  ScriptedErpServer on(String path, Reply... replies) {
    scripts.put(path, new ArrayDeque<>(List.of(replies)));
    return this;
  }

  URI uri(String path) {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  List<Arrival> arrivals(String path) {
    synchronized (arrivals) {
      return arrivals.stream().filter(a -> a.path().equals(path)).toList();
    }
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  static Reply status(int status, String body, String... headerPairs) {
    return (exchange, arrival) -> {
      for (int i = 0; i + 1 < headerPairs.length; i += 2) {
        exchange.getResponseHeaders().add(headerPairs[i], headerPairs[i + 1]);
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
      exchange.close();
    };
  }

  static Reply ok(String body) {
    return status(200, body);
  }

  static Reply slow(Duration delay, Reply then) {
    return (exchange, arrival) -> {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      then.respond(exchange, arrival);
    };
  }

  /** Drops the connection without an answer: an I/O error after the request was sent. */
  static Reply abort() {
    return (exchange, arrival) -> {
      throw new IOException("connection dropped on purpose");
    };
  }

  private void handle(HttpExchange exchange) throws IOException {
    long now = System.nanoTime();
    int current = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(current, Math::max);
    try {
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String principal = null;
      if (exchange instanceof HttpsExchange https) {
        try {
          principal = https.getSSLSession().getPeerPrincipal().getName();
        } catch (SSLPeerUnverifiedException e) {
          principal = null;
        }
      }
      String path = exchange.getRequestURI().getPath();
      Arrival arrival =
          new Arrival(now, exchange.getRequestMethod(), path, headers, body, principal);
      synchronized (arrivals) {
        arrivals.add(arrival);
      }
      Reply reply = next(path);
      if (reply == null) {
        status(404, "no script for " + path).respond(exchange, arrival);
      } else {
        reply.respond(exchange, arrival);
      }
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private Reply next(String path) {
    Deque<Reply> script = scripts.get(path);
    if (script == null) {
      return null;
    }
    synchronized (script) {
      return script.size() > 1 ? script.poll() : script.peek();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
