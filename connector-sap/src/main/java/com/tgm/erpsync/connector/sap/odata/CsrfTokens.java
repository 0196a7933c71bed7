package com.tgm.erpsync.connector.sap.odata;

import com.tgm.erpsync.connector.kit.http.ErpCallException;
import com.tgm.erpsync.connector.kit.http.ErpHttp;
import com.tgm.erpsync.connector.kit.http.ErpRequest;
import com.tgm.erpsync.connector.kit.http.ErpResponse;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SAP Gateway's CSRF protection: every modifying request carries a token fetched with {@code GET
 * <service root>} and {@code X-CSRF-Token: Fetch}, together with the session cookies of that fetch
 * (the connection's HTTP client keeps them). One token per connection and service, fetched when
 * first needed and again after the server answers {@code 403} with {@code X-CSRF-Token: Required}.
 */
public final class CsrfTokens {
  public static final String HEADER = "X-CSRF-Token";

  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  /** The request with the token of its service, fetching one first when none is held. */
  public ErpRequest protect(
      ErpHttp http, URI serviceRoot, ErpRequest request, Map<String, String> query)
      throws ErpCallException {
    String key = http.connection().id() + " " + serviceRoot;
    String token = tokens.get(key);
    if (token == null) {
      token = fetch(http, serviceRoot, query);
      if (token != null) {
        tokens.put(key, token);
      }
    }
    return token == null ? request : request.withHeader(HEADER, token);
  }

  /** Whether the server refused the request for want of a valid token. */
  public static boolean required(ErpResponse response) {
    return response.status() == 403
        && response.header(HEADER).map(v -> v.equalsIgnoreCase("Required")).orElse(false);
  }

  /** Forgets the token of a service, so the next write fetches a fresh one. */
  public void invalidate(long connectionId, URI serviceRoot) {
    tokens.remove(connectionId + " " + serviceRoot);
  }

  /** Forgets every token of a connection (changed or deleted). */
  public void evict(long connectionId) {
    tokens.keySet().removeIf(key -> key.startsWith(connectionId + " "));
  }

  private static String fetch(ErpHttp http, URI serviceRoot, Map<String, String> query)
      throws ErpCallException {
    ErpResponse response =
        http.send(
            ErpRequest.get(SapUris.withQuery(serviceRoot, query)).withHeader(HEADER, "Fetch"));
    return response.header(HEADER).filter(t -> !t.equalsIgnoreCase("Required")).orElse(null);
  }
}
