package com.tgm.erpsync.webhook.connection;

import com.tgm.erpsync.connections.ConnectionTable;
import com.tgm.erpsync.connections.ConnectionTableListener;
import com.tgm.erpsync.connections.SecretDecryptor;
import com.tgm.erpsync.connections.SecretUnavailableException;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.contracts.snapshot.EncryptedSecret;
import com.tgm.erpsync.webhook.format.WebhookMapping;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections as the gateway sees them, kept current from erp.connections by the {@link
 * ConnectionTable}: each new version is turned into a {@link WebhookTarget} once, its webhook
 * secret decrypted then, so a request costs a map lookup and never a call to another service.
 */
@ApplicationScoped
public class WebhookConnections implements ConnectionTableListener {
  /** connectionSettings entry with a connection's own request limit (requests per period). */
  public static final String RATE_LIMIT_SETTING = "webhookRateLimit";

  /** connectionSettings entry telling where a generic body keeps entity, key and change type. */
  public static final String MAPPING_SETTING = "webhook";

  private final Map<Long, WebhookTarget> targets = new ConcurrentHashMap<>();
  private final ConnectionTable table;
  private final SecretDecryptor decryptor;

  public WebhookConnections(ConnectionTable table, SecretDecryptor decryptor) {
    this.table = table;
    this.decryptor = decryptor;
  }

  /** Whether erp.connections has been read up to its end as it was at startup. */
  public boolean isLoaded() {
    return table.isLoaded();
  }

  public Optional<WebhookTarget> find(long connectionId) {
    return Optional.ofNullable(targets.get(connectionId));
  }

  /**
   * The connection, after erp.connections has been read up to its current end if it was not known
   * (blocking, at most {@code wait}): a connection created a moment ago is found.
   */
  public Optional<WebhookTarget> findAfterCatchUp(long connectionId, Duration wait)
      throws InterruptedException {
    Optional<WebhookTarget> known = find(connectionId);
    if (known.isPresent()) {
      return known;
    }
    table.awaitCaughtUp(wait);
    return find(connectionId);
  }

  @Override
  public void changed(long connectionId, ConnectionSnapshot before, ConnectionSnapshot now) {
    if (now == null) {
      targets.remove(connectionId);
      return;
    }
    targets.put(connectionId, target(now));
  }

  private WebhookTarget target(ConnectionSnapshot connection) {
    String problem = null;
    byte[] secret = null;
    if (connection.webhookEnabled()) {
      EncryptedSecret sealed =
          connection.secrets() == null
              ? null
              : connection.secrets().get(ConnectionSnapshot.WEBHOOK_SECRET);
      if (sealed == null) {
        problem = "the connection has no webhook secret";
      } else {
        try {
          secret =
              decryptor
                  .decrypt(connection.id(), ConnectionSnapshot.WEBHOOK_SECRET, sealed)
                  .getBytes(StandardCharsets.UTF_8);
        } catch (SecretUnavailableException e) {
          problem = "the webhook secret cannot be decrypted: " + e.getMessage();
        }
      }
    }
    Map<String, Object> settings =
        connection.connectionSettings() == null ? Map.of() : connection.connectionSettings();
    WebhookMapping mapping = WebhookMapping.DEFAULT;
    try {
      mapping = WebhookMapping.from(settings.get(MAPPING_SETTING));
    } catch (IllegalArgumentException e) {
      problem = problem == null ? e.getMessage() : problem + "; " + e.getMessage();
    }
    int rateLimit = 0;
    Object limit = settings.get(RATE_LIMIT_SETTING);
    if (limit != null) {
      if (limit instanceof Number number && number.intValue() > 0) {
        rateLimit = number.intValue();
      } else {
        String bad = "connectionSettings." + RATE_LIMIT_SETTING + " must be a positive number";
        problem = problem == null ? bad : problem + "; " + bad;
      }
    }
    if (problem != null && connection.webhookEnabled()) {
      Log.errorf(
          "Webhook configuration of connection %d (version %d) is unusable: %s",
          connection.id(), connection.version(), problem);
    }
    return new WebhookTarget(
        connection.id(),
        connection.version(),
        connection.erpType(),
        connection.enabled(),
        connection.webhookEnabled(),
        secret,
        mapping,
        rateLimit,
        problem);
  }
}
