package com.tgm.erpsync.connector.kit.auth;

import com.tgm.erpsync.connector.kit.http.ConnectionSettings;
import com.tgm.erpsync.connector.kit.http.ErpRequest;
import com.tgm.erpsync.connector.kit.http.ErpResponse;
import com.tgm.erpsync.connector.kit.secret.ConnectionSecrets;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;

/**
 * The decrypted API key in a header: {@code connectionSettings.apiKeyHeader}, {@value
 * #DEFAULT_HEADER} by default.
 */
public final class ApiKeyAuth implements AuthProvider {
  public static final String DEFAULT_HEADER = "X-API-Key";

  private final ConnectionSecrets secrets;
  private final String header;

  public ApiKeyAuth(ConnectionSnapshot connection, ConnectionSecrets secrets) {
    this.secrets = secrets;
    this.header = ConnectionSettings.text(connection, "apiKeyHeader").orElse(DEFAULT_HEADER);
  }

  @Override
  public ErpRequest authorize(ErpRequest request, Transport transport) {
    return request.withHeader(header, secrets.require(ConnectionSnapshot.API_KEY));
  }

  @Override
  public boolean renewAfter(ErpRequest rejected, ErpResponse response) {
    return false;
  }
}
