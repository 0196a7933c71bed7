package com.tgm.erpsync.connector.kit.auth;

import com.tgm.erpsync.connector.kit.http.ErpCallException;
import com.tgm.erpsync.connector.kit.http.ErpRequest;
import com.tgm.erpsync.connector.kit.http.ErpResponse;

/**
 * How requests of one connection carry credentials. Implementations are thread-safe: one provider
 * serves every concurrent call of its connection and keeps tokens or sessions between them.
 */
public interface AuthProvider {

  /**
   * Adds credentials (header/cookie) to a request; may first fetch a token or log in (through the
   * given transport, which bypasses retries but not the rate limiter).
   */
  ErpRequest authorize(ErpRequest request, Transport transport) throws ErpCallException;

  /**
   * After a 401 (or the ERP's session-expired answer) to {@code rejected} (the request as sent,
   * with its credentials): forget the cached credentials it carried — not newer ones another call
   * has obtained meanwhile; true = retry the request once.
   */
  boolean renewAfter(ErpRequest rejected, ErpResponse response);

  /**
   * Whether the response says the credentials are no longer accepted, so {@link #renewAfter} is
   * called. A 401 by default; a session provider may also recognise the ERP's own answer.
   */
  default boolean rejectsCredentials(ErpResponse response) {
    return response.status() == 401;
  }

  /** Releases what the provider holds at the ERP, e.g. logs the session out. */
  default void close(Transport transport) {}
}
