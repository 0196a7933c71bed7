package com.tgm.erpsync.connector.kit.http;

import com.tgm.erpsync.connections.SecretDecryptor;
import com.tgm.erpsync.connector.kit.auth.AuthProvider;
import com.tgm.erpsync.connector.kit.auth.AuthProviders;
import com.tgm.erpsync.connector.kit.config.ErpHttpConfig;
import com.tgm.erpsync.connector.kit.secret.ConnectionSecrets;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.client.OidcClients;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Hands out the {@link ErpHttp} of a connection. Per connection id it keeps one HTTP client, rate
 * limiter, concurrency bound, circuit breaker and default auth provider, rebuilt when the
 * connection's version changes and dropped by {@link #evict}; so every dialect call of a connection
 * shares the same limits whichever provider authorizes it.
 */
@ApplicationScoped
public class ErpHttpClients {

  private final HttpPolicy policy;
  private final SecretDecryptor decryptor;
  private final MeterRegistry registry;
  private final OidcClients oidcClients;
  private final Map<Long, ConnectionRuntime> runtimes = new ConcurrentHashMap<>();
  private final ExecutorService closer =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "erp-http-close");
            thread.setDaemon(true);
            return thread;
          });

  @Inject
  public ErpHttpClients(
      ErpHttpConfig config,
      SecretDecryptor decryptor,
      MeterRegistry registry,
      Instance<OidcClients> oidcClients) {
    this(
        HttpPolicy.from(config),
        decryptor,
        registry,
        oidcClients.isResolvable() ? oidcClients.get() : null);
  }

  /** Without CDI; {@code oidcClients} may be null when no connection uses OAUTH2. */
  public ErpHttpClients(
      HttpPolicy policy,
      SecretDecryptor decryptor,
      MeterRegistry registry,
      OidcClients oidcClients) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.decryptor = Objects.requireNonNull(decryptor, "decryptor");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.oidcClients = oidcClients;
  }

  /** The connection's HTTP with auth chosen from {@code connection.authType()}. */
  public ErpHttp forConnection(ConnectionSnapshot connection) {
    return view(
        connection,
        runtime ->
            runtime.defaultAuth(
                r ->
                    AuthProviders.forConnection(r.connection(), r.secrets(), oidcClients, policy)));
  }

  /**
   * The connection's HTTP with a dialect-supplied provider. The provider keeps its own state
   * (token, session); keep one per connection, or use {@link #forConnection(ConnectionSnapshot,
   * Function)}.
   */
  public ErpHttp forConnection(ConnectionSnapshot connection, AuthProvider auth) {
    Objects.requireNonNull(auth, "auth");
    return view(connection, runtime -> auth);
  }

  /**
   * The connection's HTTP with a dialect-supplied provider created once per connection version and
   * closed (e.g. logged out) on {@link #evict} or when the connection changes.
   */
  public ErpHttp forConnection(
      ConnectionSnapshot connection, Function<ConnectionSnapshot, AuthProvider> authFactory) {
    Objects.requireNonNull(authFactory, "authFactory");
    return view(connection, runtime -> runtime.dialectAuth(authFactory));
  }

  /** The connection's decrypted secrets, for dialects that build their own login requests. */
  public ConnectionSecrets secrets(ConnectionSnapshot connection) {
    return new ConnectionSecrets(connection, decryptor);
  }

  /**
   * Connection changed or deleted: drop cached client, token, session and limiter state at once;
   * the ERP session is logged out in the background, so the caller never waits on the ERP.
   */
  public void evict(long connectionId) {
    ConnectionRuntime removed = runtimes.remove(connectionId);
    if (removed != null) {
      closer.execute(removed::close);
    }
  }

  @PreDestroy
  void closeAll() {
    for (Long id : List.copyOf(runtimes.keySet())) {
      ConnectionRuntime removed = runtimes.remove(id);
      if (removed != null) {
        removed.close();
      }
    }
    closer.shutdown();
  }

  private ErpHttp view(
      ConnectionSnapshot connection, Function<ConnectionRuntime, AuthProvider> auth) {
    ConnectionRuntime runtime;
    try {
      runtime = runtime(connection);
    } catch (ErpCallException e) {
      return new FailingErpHttp(connection, e);
    }
    return new ResilientErpHttp(runtime, auth.apply(runtime));
  }

  private ConnectionRuntime runtime(ConnectionSnapshot connection) throws ErpCallException {
    ConnectionRuntime current = runtimes.get(connection.id());
    if (current != null && current.connection().version() == connection.version()) {
      return current;
    }
    ConnectionRuntime previous;
    ConnectionRuntime fresh;
    synchronized (runtimes) {
      current = runtimes.get(connection.id());
      if (current != null && current.connection().version() == connection.version()) {
        return current;
      }
      fresh =
          new ConnectionRuntime(
              connection,
              policy,
              new ConnectionSecrets(connection, decryptor),
              new ErpHttpMetrics(registry, connection));
      previous = runtimes.put(connection.id(), fresh);
    }
    if (previous != null) {
      closer.execute(previous::close);
    }
    return fresh;
  }
}
