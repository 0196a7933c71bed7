package com.tgm.erpsync.connector.kit.http;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Keeps the connection's cookies, but adds none to a request that already carries its own Cookie
 * header (a session provider that manages the session cookies itself), so no stale cookie from an
 * earlier session travels beside the current one.
 */
final class ExplicitCookieAwareHandler extends CookieHandler {
  private final CookieHandler delegate;

  ExplicitCookieAwareHandler(CookieHandler delegate) {
    this.delegate = delegate;
  }

  @Override
  public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders)
      throws IOException {
    for (String name : requestHeaders.keySet()) {
      if ("Cookie".equalsIgnoreCase(name)) {
        return Map.of();
      }
    }
    return delegate.get(uri, requestHeaders);
  }

  @Override
  public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
    delegate.put(uri, responseHeaders);
  }
}
