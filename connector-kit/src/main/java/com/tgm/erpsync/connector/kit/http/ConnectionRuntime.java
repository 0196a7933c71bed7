package com.tgm.erpsync.connector.kit.http;

import com.tgm.erpsync.connector.kit.auth.AuthProvider;
import com.tgm.erpsync.connector.kit.auth.Transport;
import com.tgm.erpsync.connector.kit.secret.ConnectionSecrets;
import com.tgm.erpsync.contracts.AuthType;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import io.smallrye.faulttolerance.api.Guard;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * Everything one connection shares across calls: its HTTP client (TLS, cookies), the concurrency
 * bound, the rate limiter, the circuit breaker, metrics and auth providers. Its {@link #transport}
 * is one raw send through all of them, without retries or authorization.
 */
final class ConnectionRuntime {
  private static final Logger LOG = Logger.getLogger(ConnectionRuntime.class);
  private static final int DEFAULT_REQUEST_TIMEOUT_SECONDS = 60;

  /** Headers the JDK client sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

  static {
    RESTRICTED.addAll(Set.of("connection", "content-length", "expect", "host", "upgrade"));
  }

  private final ConnectionSnapshot connection;
  private final HttpPolicy policy;
  private final HttpClient client;
  private final Semaphore inFlight;
  private final SlidingWindowRateLimiter limiter;
  private final Guard breaker;
  private final ErpHttpMetrics metrics;
  private final Duration requestTimeout;
  private final ConnectionSecrets secrets;
  private final AtomicReference<AuthProvider> defaultAuth = new AtomicReference<>();
  private final AtomicReference<AuthProvider> dialectAuth = new AtomicReference<>();
  private final Transport transport = this::exchange;

  ConnectionRuntime(
      ConnectionSnapshot connection,
      HttpPolicy policy,
      ConnectionSecrets secrets,
      ErpHttpMetrics metrics)
      throws ErpCallException {
    this.connection = connection;
    this.policy = policy;
    this.secrets = secrets;
    this.metrics = metrics;
    this.requestTimeout =
        Duration.ofSeconds(
            ConnectionSettings.integer(
                connection, "requestTimeoutSeconds", DEFAULT_REQUEST_TIMEOUT_SECONDS));
    int concurrency = connection.maxConcurrentRequests();
    this.inFlight = concurrency > 0 ? new Semaphore(concurrency, true) : null;
    this.limiter =
        new SlidingWindowRateLimiter(
            connection.rateLimitRequests(), connection.rateLimitPeriodSeconds(), TimeUnit.SECONDS);
    this.breaker =
        Guard.create()
            .withDescription("ERP connection " + connection.id())
            .withCircuitBreaker()
            .requestVolumeThreshold(Math.max(1, policy.breakerRequestVolume()))
            .failureRatio(policy.breakerFailureRatio())
            .delay(policy.breakerDelay().toMillis(), ChronoUnit.MILLIS)
            .successThreshold(Math.max(1, policy.breakerSuccessThreshold()))
            .when(BreakerFailure.class::isInstance)
            .onStateChange(
                state ->
                    LOG.infof(
                        "ERP connection %d (%s): circuit breaker %s",
                        connection.id(), connection.erpType(), state))
            .done()
            .build();
    this.client = newClient();
  }

  private HttpClient newClient() throws ErpCallException {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(policy.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(
                new ExplicitCookieAwareHandler(
                    new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER)));
    try {
      builder.sslContext(TlsContexts.build(connection, secrets));
    } catch (Exception e) {
      throw new ErpCallException(
          ErrorCode.AUTH_FAILED,
          "Cannot set up TLS for ERP connection " + connection.id() + ": " + e.getMessage(),
          false,
          e);
    }
    return builder.build();
  }

  ConnectionSnapshot connection() {
    return connection;
  }

  HttpPolicy policy() {
    return policy;
  }

  ErpHttpMetrics metrics() {
    return metrics;
  }

  Transport transport() {
    return transport;
  }

  AuthProvider defaultAuth(Function<ConnectionRuntime, AuthProvider> factory) {
    return defaultAuth.updateAndGet(current -> current != null ? current : factory.apply(this));
  }

  AuthProvider dialectAuth(Function<ConnectionSnapshot, AuthProvider> factory) {
    return dialectAuth.updateAndGet(
        current -> current != null ? current : factory.apply(connection));
  }

  ConnectionSecrets secrets() {
    return secrets;
  }

  /** Logs out sessions and releases token clients; failures are only logged. */
  void close() {
    for (AuthProvider provider : new AuthProvider[] {defaultAuth.get(), dialectAuth.get()}) {
      if (provider == null) {
        continue;
      }
      try {
        provider.close(transport);
      } catch (RuntimeException e) {
        LOG.debugf(
            "ERP connection %d: closing %s failed: %s",
            connection.id(), provider.getClass().getSimpleName(), e.getMessage());
      }
    }
  }

  /** One send through circuit breaker, concurrency bound and rate limiter. */
  ErpResponse exchange(ErpRequest request) throws ErpCallException {
    try {
      return breaker.call(() -> guardedSend(request), ErpResponse.class);
    } catch (BreakerFailure failure) {
      if (failure.response != null) {
        return failure.response;
      }
      throw failure.failure;
    } catch (CircuitBreakerOpenException e) {
      throw new ErpCallException(
          ErrorCode.ERP_UNAVAILABLE,
          "The circuit breaker of ERP connection "
              + connection.id()
              + " is open after repeated failures; calls fail fast for up to "
              + policy.breakerDelay().toMillis()
              + " ms before a probe is let through",
          true,
          e);
    } catch (ErpCallException e) {
      throw e;
    } catch (Exception e) {
      throw new ErpCallException(
          ErrorCode.INTERNAL_ERROR,
          "Unexpected failure calling ERP connection " + connection.id() + ": " + e,
          false,
          e);
    }
  }

  private ErpResponse guardedSend(ErpRequest request) throws Exception {
    ErpResponse response;
    try {
      response = boundedSend(request);
    } catch (TransportFailure e) {
      throw new BreakerFailure(null, e);
    }
    if (response.status() >= 500) {
      throw new BreakerFailure(response, null);
    }
    return response;
  }

  private ErpResponse boundedSend(ErpRequest request) throws ErpCallException {
    try {
      if (inFlight != null) {
        inFlight.acquire();
      }
      try {
        long waitStart = System.nanoTime();
        SlidingWindowRateLimiter.Slot slot = limiter.acquire();
        long waited = System.nanoTime() - waitStart;
        if (waited > TimeUnit.MILLISECONDS.toNanos(1)) {
          metrics.rateLimitWait(waited);
        }
        try {
          return send(request);
        } finally {
          limiter.release(slot);
        }
      } finally {
        if (inFlight != null) {
          inFlight.release();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ErpCallException(
          ErrorCode.INTERNAL_ERROR,
          "Interrupted while waiting to call ERP connection " + connection.id(),
          false,
          e);
    }
  }

  private ErpResponse send(ErpRequest request) throws ErpCallException, InterruptedException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri())
            .timeout(requestTimeout)
            .method(
                request.method(),
                request.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(request.body()));
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      if (!RESTRICTED.contains(header.getKey()) && header.getValue() != null) {
        builder.header(header.getKey(), header.getValue());
      }
    }
    long start = System.nanoTime();
    try {
      HttpResponse<byte[]> response =
          client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      long latency = System.nanoTime() - start;
      metrics.request(request.method(), response.statusCode(), latency);
      return new ErpResponse(
          response.statusCode(),
          response.headers().map(),
          response.body(),
          TimeUnit.NANOSECONDS.toMillis(latency));
    } catch (IOException e) {
      metrics.request(request.method(), 0, System.nanoTime() - start);
      throw failure(request, e);
    }
  }

  private TransportFailure failure(ErpRequest request, IOException e) {
    String target = request.method() + " " + request.uri().getPath();
    if (e instanceof HttpConnectTimeoutException) {
      return new TransportFailure(
          ErrorCode.TIMEOUT,
          "Connecting to ERP connection " + connection.id() + " timed out (" + target + ")",
          false,
          e);
    }
    if (e instanceof HttpTimeoutException) {
      return new TransportFailure(
          ErrorCode.TIMEOUT,
          "ERP connection "
              + connection.id()
              + " did not answer "
              + target
              + " within "
              + requestTimeout.toSeconds()
              + " s",
          true,
          e);
    }
    if (rejectedClientCertificate(request, e)) {
      String message =
          "ERP connection "
              + connection.id()
              + " closed the TLS connection without answering ("
              + target
              + "): the server most likely does not accept the connection's client certificate";
      return new TransportFailure(
          ErrorCode.ERP_UNAVAILABLE, message, true, new SSLException(message, e));
    }
    boolean notConnected =
        e instanceof ConnectException || e.getCause() instanceof ConnectException;
    return new TransportFailure(
        ErrorCode.ERP_UNAVAILABLE,
        "ERP connection "
            + connection.id()
            + " is unreachable ("
            + target
            + "): "
            + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : " " + e.getMessage()),
        !notConnected,
        e);
  }

  /**
   * With TLS 1.3 the server checks the client certificate only after the client has finished its
   * side of the handshake; a server that refuses the certificate without sending an alert leaves
   * the client with a connection closed before the first byte of an answer. On a CERTIFICATE
   * connection over HTTPS that is the likely cause, and the failure says so (as a TLS failure).
   */
  private boolean rejectedClientCertificate(ErpRequest request, IOException e) {
    if (connection.authType() != AuthType.CERTIFICATE
        || !"https".equalsIgnoreCase(request.uri().getScheme())) {
      return false;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return false; // already a TLS failure that names itself
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      if (t instanceof EOFException
          || message.contains("received no bytes")
          || (t instanceof SocketException && message.contains("Connection reset"))) {
        return true;
      }
    }
    return false;
  }

  /** What the circuit breaker counts as a failure: no response, or a 5xx one. */
  private static final class BreakerFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ErpResponse response;
    private final TransportFailure failure;

    BreakerFailure(ErpResponse response, TransportFailure cause) {
      super(null, null, false, false);
      this.response = response;
      this.failure = cause;
    }
  }
}
