package com.tgm.erpsync.connector.kit.auth;

import com.tgm.erpsync.connector.kit.http.ErpCallException;
import com.tgm.erpsync.connector.kit.http.ErpRequest;
import com.tgm.erpsync.connector.kit.http.ErpResponse;
import com.tgm.erpsync.connector.kit.secret.ConnectionSecrets;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;

/**
 * How an ERP with session login (e.g. SAP Business One Service Layer) logs in and out; {@link
 * SessionLoginAuth} does the caching, concurrency and renewal around it.
 */
public interface SessionLogin {

  /** The login request, e.g. {@code POST /Login} with company, user and decrypted password. */
  ErpRequest loginRequest(ConnectionSnapshot connection, ConnectionSecrets secrets);

  /**
   * The session a successful (2xx) login response opened: cookies to keep (see {@link
   * Session#cookiesFrom}) and its timeout.
   */
  Session readSession(ErpResponse loginResponse) throws ErpCallException;

  /** The logout request; the session's cookies are added to it. */
  ErpRequest logoutRequest(ConnectionSnapshot connection, Session session);

  /** Whether a response means the session is gone; a 401 by default. */
  default boolean sessionExpired(ErpResponse response) {
    return response.status() == 401;
  }
}
