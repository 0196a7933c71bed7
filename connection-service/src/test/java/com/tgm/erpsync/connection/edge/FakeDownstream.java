package com.tgm.erpsync.connection.edge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server standing in for one downstream service (mapping-service, sync-orchestrator):
 * it records every request and answers what a test programmed per method and path, after a delay if
 * asked. It can go down (its port then refuses connections) and come back on the same port.
 * Unprogrammed requests get 200 with a JSON echo of what arrived.
 */
public final class FakeDownstream implements AutoCloseable {

  /** A request as the fake received it; header names are lower case. */
  public record Request(
      String method, String path, String query, Map<String, List<String>> headers, String body) {

    /** The first value of a header, or null. */
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase());
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  /** What the fake answers: status, content type, body, extra headers, and when. */
  public record Answer(
      int status, String contentType, String body, Map<String, String> headers, Duration delay) {

    public static Answer json(int status, String body) {
      return new Answer(status, "application/json", body, Map.of(), Duration.ZERO);
    }

    public static Answer problem(int status, String title, String detail) {
      String body =
          "{\"type\":\"about:blank\",\"title\":\""
              + title
              + "\",\"status\":"
              + status
              + ",\"detail\":\""
              + detail
              + "\"}";
      return new Answer(status, "application/problem+json", body, Map.of(), Duration.ZERO);
    }

    public static Answer noContent() {
      return new Answer(204, null, "", Map.of(), Duration.ZERO);
    }

    public static Answer raw(int status, String contentType, String body) {
      return new Answer(status, contentType, body, Map.of(), Duration.ZERO);
    }

    public Answer withHeader(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Answer(status, contentType, body, Map.copyOf(more), delay);
    }

    public Answer after(Duration wait) {
      return new Answer(status, contentType, body, headers, wait);
    }
  }

  private final String name;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private int port;
  private HttpServer server;
  private ExecutorService workers;

  private FakeDownstream(String name) {
    this.name = name;
  }

  /** Starts a fake on a free loopback port. */
  public static FakeDownstream start(String name) {
    FakeDownstream fake = new FakeDownstream(name);
    fake.listen(0);
    return fake;
  }

  public String name() {
    return name;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Answers {@code method path} (path without query) with {@code answer} until reset. */
  public void answer(String method, String path, Answer answer) {
    answers.put(key(method, path), answer);
  }

  /** What arrived since the last reset, in order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public Request lastRequest() {
    List<Request> all = requests();
    if (all.isEmpty()) {
      throw new AssertionError(name + " received no request");
    }
    return all.get(all.size() - 1);
  }

  /** Forgets requests and programmed answers, and comes back up if it was down. */
  public synchronized void reset() {
    requests.clear();
    answers.clear();
    if (server == null) {
      comeBack();
    }
  }

  /** Closes the port: connections are refused until {@link #comeBack()}. */
  public synchronized void goDown() {
    if (server != null) {
      server.stop(0);
      workers.shutdownNow();
      server = null;
    }
  }

  /** Listens again on the same port. */
  public synchronized void comeBack() {
    if (server == null) {
      listen(port);
    }
  }

  @Override
  public void close() {
    goDown();
  }

  private synchronized void listen(int onPort) {
    try {
      server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    workers = Executors.newCachedThreadPool();
    server.setExecutor(workers);
    server.createContext("/", this::handle);
    server.start();
    port = server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, List<String>> headers = new LinkedHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(), new ArrayList<>(v)));
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      requests.add(new Request(method, path, query, Map.copyOf(headers), body));

      Answer answer = answers.getOrDefault(key(method, path), echo(method, path, query));
      if (!answer.delay().isZero()) {
        try {
          TimeUnit.MILLISECONDS.sleep(answer.delay().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      if (answer.contentType() != null) {
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
      }
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (IOException e) {
      // the caller gave up (read timeout): nothing left to answer
    }
  }

  private Answer echo(String method, String path, String query) {
    return Answer.json(
        200,
        "{\"service\":\""
            + name
            + "\",\"method\":\""
            + method
            + "\",\"path\":\""
            + path
            + "\",\"query\":"
            + (query == null ? "null" : "\"" + query + "\"")
            + "}");
  }

  private static String key(String method, String path) {
    return method.toUpperCase() + " " + path;
  }
}
