package com.tgm.erpsync.connector.kit.auth;

import com.tgm.erpsync.connector.kit.http.ErpRequest;
import com.tgm.erpsync.connector.kit.http.ErpResponse;

/**
 * CERTIFICATE auth: the client certificate is presented in the TLS handshake (the connection's SSL
 * context carries the key), so requests need no header.
 */
public final class ClientCertificateAuth implements AuthProvider {

  @Override
  public ErpRequest authorize(ErpRequest request, Transport transport) {
    return request;
  }

  @Override
  public boolean renewAfter(ErpRequest rejected, ErpResponse response) {
    return false;
  }
}
