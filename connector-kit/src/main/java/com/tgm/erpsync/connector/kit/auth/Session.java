package com.tgm.erpsync.connector.kit.auth;

import com.tgm.erpsync.connector.kit.http.ErpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A logged-in ERP session: the cookies to send on every call and how long the session lives without
 * use (null = until the ERP says otherwise).
 */
public record Session(Map<String, String> cookies, Duration timeout) {

  public Session {
    cookies = Collections.unmodifiableMap(new LinkedHashMap<>(cookies));
  }

  /** The named cookies set by a login response (all of them when {@code names} is empty). */
  public static Map<String, String> cookiesFrom(ErpResponse response, Collection<String> names) {
    Map<String, String> kept = new LinkedHashMap<>();
    for (String header : response.headers("Set-Cookie")) {
      String pair = header.split(";", 2)[0];
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        continue;
      }
      String name = pair.substring(0, equals).strip();
      if (names.isEmpty() || names.contains(name)) {
        kept.put(name, pair.substring(equals + 1).strip());
      }
    }
    return kept;
  }

  /** The Cookie header value carrying the session. */
  public String cookieHeader() {
    StringBuilder header = new StringBuilder();
    cookies.forEach(
        (name, value) -> {
          if (header.length() > 0) {
            header.append("; ");
          }
          header.append(name).append('=').append(value);
        });
    return header.toString();
  }

  /** Never prints cookie values: they are credentials. */
  @Override
  public String toString() {
    return "Session[cookies=" + cookies.keySet() + ", timeout=" + timeout + "]";
  }
}
