package com.tgm.erpsync.connector.kit.secret;

import com.tgm.erpsync.connections.SecretDecryptor;
import com.tgm.erpsync.connections.SecretUnavailableException;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.contracts.snapshot.EncryptedSecret;
import java.util.Map;
import java.util.Optional;

/**
 * The decrypted secrets of one connection, decrypted on each read so that clear values live no
 * longer than the call that needs them. Keys are the {@link ConnectionSnapshot} constants.
 */
public final class ConnectionSecrets {
  private final ConnectionSnapshot connection;
  private final SecretDecryptor decryptor;

  public ConnectionSecrets(ConnectionSnapshot connection, SecretDecryptor decryptor) {
    this.connection = connection;
    this.decryptor = decryptor;
  }

  /** The clear value of the secret, if the connection has one under that name. */
  public Optional<String> find(String name) {
    Map<String, EncryptedSecret> secrets = connection.secrets();
    EncryptedSecret secret = secrets == null ? null : secrets.get(name);
    return secret == null
        ? Optional.empty()
        : Optional.of(decryptor.decrypt(connection.id(), name, secret));
  }

  /**
   * The clear value of a secret the connection must have.
   *
   * @throws SecretUnavailableException if it has none or it does not decrypt
   */
  public String require(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new SecretUnavailableException(
                    "Connection " + connection.id() + " has no secret '" + name + "'"));
  }

  @Override
  public String toString() {
    return "ConnectionSecrets[connection=" + connection.id() + "]";
  }
}
