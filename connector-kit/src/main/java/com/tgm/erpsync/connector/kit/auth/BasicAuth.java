package com.tgm.erpsync.connector.kit.auth;

import com.tgm.erpsync.connector.kit.http.ErpCallException;
import com.tgm.erpsync.connector.kit.http.ErpRequest;
import com.tgm.erpsync.connector.kit.http.ErpResponse;
import com.tgm.erpsync.connector.kit.secret.ConnectionSecrets;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** HTTP Basic with the connection's username and its decrypted password. */
public final class BasicAuth implements AuthProvider {
  private final ConnectionSnapshot connection;
  private final ConnectionSecrets secrets;

  public BasicAuth(ConnectionSnapshot connection, ConnectionSecrets secrets) {
    this.connection = connection;
    this.secrets = secrets;
  }

  @Override
  public ErpRequest authorize(ErpRequest request, Transport transport) throws ErpCallException {
    if (connection.username() == null || connection.username().isBlank()) {
      throw new ErpCallException(
          ErrorCode.AUTH_FAILED, "BASIC connection " + connection.id() + " has no username", false);
    }
    String pair = connection.username() + ":" + secrets.require(ConnectionSnapshot.PASSWORD);
    return request.withHeader(
        "Authorization",
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  /** A password is not renewed by asking again. */
  @Override
  public boolean renewAfter(ErpRequest rejected, ErpResponse response) {
    return false;
  }
}
