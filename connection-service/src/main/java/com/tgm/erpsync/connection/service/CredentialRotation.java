package com.tgm.erpsync.connection.service;

import com.tgm.erpsync.connection.vault.CredentialVault;
import com.tgm.erpsync.connection.vault.KeyRing;
import com.tgm.erpsync.connection.vault.VaultException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

/**
 * Key rotation of the credentials vault. After a new key is added to {@code tgm.credentials.keys}
 * and made current, {@link #reEncryptAll} rewrites every stored secret under it, one connection per
 * transaction, a page of ids at a time; {@link #secretsByKey} shows when no secret is left under an
 * old key, which may then be removed from the configuration.
 */
@ApplicationScoped
public class CredentialRotation {
  /** Business events: the guide's "grep ErpSync logs/application.log" finds them. */
  private static final Logger LOG = Logger.getLogger("ErpSync.credentials");

  private static final int PAGE = 100;
  private static final String COUNT_BY_KEY =
      "SELECT s.value ->> 'keyId', count(*) FROM erp_connection c, jsonb_each(c.secrets) s"
          + " GROUP BY 1 ORDER BY 1";

  private final ConnectionService connections;
  private final CredentialVault vault;
  private final AgroalDataSource dataSource;

  public CredentialRotation(
      ConnectionService connections, CredentialVault vault, AgroalDataSource dataSource) {
    this.connections = connections;
    this.vault = vault;
    this.dataSource = dataSource;
  }

  /** What a re-encryption run did. */
  @Schema(
      example =
          """
          {"currentKeyId": "2026-11", "connectionsVisited": 12, "connectionsReEncrypted": 12,
           "secretsReEncrypted": 31, "failedConnections": []}\
          """)
  public record Report(
      String currentKeyId,
      int connectionsVisited,
      int connectionsReEncrypted,
      int secretsReEncrypted,
      List<Long> failedConnections) {}

  public Report reEncryptAll() {
    String current = vault.keyRing().currentKeyId();
    int visited = 0;
    int changed = 0;
    int secrets = 0;
    List<Long> failed = new ArrayList<>();
    long after = 0;
    List<Long> ids;
    while (!(ids = connections.idsAfter(after, PAGE)).isEmpty()) {
      for (long id : ids) {
        visited++;
        int rotated;
        try {
          rotated = connections.reEncrypt(id);
        } catch (VaultException e) {
          // e.g. written under a key no longer configured: the others go on
          LOG.errorf("ERP credentials of connection %d not re-encrypted: %s", id, e.getMessage());
          failed.add(id);
          continue;
        }
        if (rotated > 0) {
          changed++;
          secrets += rotated;
        }
      }
      after = ids.get(ids.size() - 1);
    }
    LOG.infof(
        "ERP credentials re-encrypted under key '%s': %d secret(s) of %d connection(s), %d"
            + " connection(s) visited, %d failed",
        current, secrets, changed, visited, failed.size());
    return new Report(current, visited, changed, secrets, failed);
  }

  public KeyRing keyRing() {
    return vault.keyRing();
  }

  /** How many stored secrets each key id protects. */
  public Map<String, Long> secretsByKey() {
    Map<String, Long> counts = new TreeMap<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(COUNT_BY_KEY);
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        counts.put(rows.getString(1), rows.getLong(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count the stored secrets by key", e);
    }
    return counts;
  }
}
