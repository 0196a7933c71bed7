package com.tgm.erpsync.connector.kit.auth;

import com.tgm.erpsync.connector.kit.http.ConnectionSettings;
import com.tgm.erpsync.connector.kit.http.ErpCallException;
import com.tgm.erpsync.connector.kit.http.ErpRequest;
import com.tgm.erpsync.connector.kit.http.ErpResponse;
import com.tgm.erpsync.connector.kit.secret.ConnectionSecrets;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.oidc.client.runtime.OidcClientConfig;
import io.quarkus.oidc.client.runtime.OidcClientConfig.Grant;
import io.quarkus.oidc.common.runtime.config.OidcClientCommonConfig.Credentials.Secret.Method;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * OAuth 2.0 client credentials through quarkus-oidc-client: one OIDC client per connection, built
 * at runtime from {@code connectionSettings.oauthTokenUrl} (or {@code tokenUrl}), the connection's
 * clientId and decrypted clientSecret, with optional {@code scope} and {@code resource} (Azure AD
 * v1). The token is cached, fetched by one caller while concurrent callers wait for it, and
 * replaced {@code refreshSkew} before it expires. {@code connectionSettings.oauthClientAuth} =
 * {@code post} sends the secret in the form instead of HTTP Basic.
 */
public final class OAuth2ClientCredentialsAuth implements AuthProvider {
  private static final Logger LOG = Logger.getLogger(OAuth2ClientCredentialsAuth.class);
  private static final AtomicLong CLIENT_IDS = new AtomicLong();

  private final ConnectionSnapshot connection;
  private final ConnectionSecrets secrets;
  private final OidcClients oidcClients;
  private final Duration refreshSkew;
  private final Duration fetchTimeout;
  private final ReentrantLock lock = new ReentrantLock();
  private OidcClient client;
  private volatile Tokens tokens;

  public OAuth2ClientCredentialsAuth(
      ConnectionSnapshot connection,
      ConnectionSecrets secrets,
      OidcClients oidcClients,
      Duration refreshSkew,
      Duration fetchTimeout) {
    this.connection = connection;
    this.secrets = secrets;
    this.oidcClients = oidcClients;
    this.refreshSkew = refreshSkew;
    this.fetchTimeout = fetchTimeout;
  }

  @Override
  public ErpRequest authorize(ErpRequest request, Transport transport) throws ErpCallException {
    return request.withHeader("Authorization", "Bearer " + accessToken());
  }

  @Override
  public boolean renewAfter(ErpRequest rejected, ErpResponse response) {
    lock.lock();
    try {
      // a late answer to a request with an older token must not drop the one fetched since
      Tokens current = tokens;
      if (current != null
          && ("Bearer " + current.getAccessToken()).equals(rejected.header("Authorization"))) {
        tokens = null;
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close(Transport transport) {
    lock.lock();
    try {
      tokens = null;
      if (client != null) {
        client.close();
        client = null;
      }
    } catch (IOException e) {
      LOG.debugf("ERP connection %d: closing the OIDC client failed", connection.id());
    } finally {
      lock.unlock();
    }
  }

  private String accessToken() throws ErpCallException {
    Tokens current = tokens;
    if (usable(current)) {
      return current.getAccessToken();
    }
    lock.lock();
    try {
      current = tokens;
      if (!usable(current)) {
        current = fetch();
        tokens = current;
      }
      return current.getAccessToken();
    } finally {
      lock.unlock();
    }
  }

  private boolean usable(Tokens current) {
    if (current == null || current.getAccessToken() == null) {
      return false;
    }
    Long expiresAt = current.getAccessTokenExpiresAt();
    return expiresAt == null
        || Instant.now().plus(refreshSkew).isBefore(Instant.ofEpochSecond(expiresAt));
  }

  private Tokens fetch() throws ErpCallException {
    try {
      if (client == null) {
        client = oidcClients.newClient(config()).await().atMost(fetchTimeout);
      }
      Map<String, String> extra =
          ConnectionSettings.text(connection, "resource")
              .map(resource -> Map.of("resource", resource))
              .orElse(Map.of());
      Tokens fetched = client.getTokens(extra).await().atMost(fetchTimeout);
      LOG.debugf("ERP connection %d: fetched an OAuth access token", connection.id());
      return fetched;
    } catch (ErpCallException e) {
      throw e;
    } catch (RuntimeException e) {
      boolean network = causedByIo(e);
      throw new ErpCallException(
          network ? ErrorCode.ERP_UNAVAILABLE : ErrorCode.AUTH_FAILED,
          "Cannot get an OAuth token for ERP connection "
              + connection.id()
              + (network ? " (token endpoint unreachable)" : " (token endpoint refused)")
              + ": "
              + e.getMessage(),
          network,
          e);
    }
  }

  private OidcClientConfig config() throws ErpCallException {
    Optional<String> tokenUrl =
        ConnectionSettings.text(connection, "oauthTokenUrl")
            .or(() -> ConnectionSettings.text(connection, "tokenUrl"));
    if (tokenUrl.isEmpty() || connection.clientId() == null) {
      throw new ErpCallException(
          ErrorCode.AUTH_FAILED,
          "OAUTH2 connection "
              + connection.id()
              + " needs connectionSettings.oauthTokenUrl and a clientId",
          false);
    }
    URI uri = URI.create(tokenUrl.get());
    String clientAuth =
        ConnectionSettings.text(connection, "oauthClientAuth")
            .orElse("basic")
            .toLowerCase(Locale.ROOT);
    var builder =
        OidcClientConfig.builder()
            .id("erp-connection-" + connection.id() + "-" + CLIENT_IDS.incrementAndGet())
            .authServerUrl(uri.getScheme() + "://" + uri.getRawAuthority())
            .discoveryEnabled(false)
            .tokenPath(tokenUrl.get())
            .clientId(connection.clientId())
            .credentials()
            .clientSecret(
                secrets.require(ConnectionSnapshot.CLIENT_SECRET),
                "post".equals(clientAuth) ? Method.POST : Method.BASIC)
            .end()
            .grant(Grant.Type.CLIENT)
            .refreshTokenTimeSkew(refreshSkew);
    Optional<String> scope = ConnectionSettings.text(connection, "scope");
    if (scope.isPresent()) {
      List<String> scopes = Arrays.asList(scope.get().split("\\s+"));
      builder.scopes(scopes);
    }
    return builder.build();
  }

  private static boolean causedByIo(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException || cause instanceof io.vertx.core.VertxException) {
        return true;
      }
    }
    return false;
  }
}
