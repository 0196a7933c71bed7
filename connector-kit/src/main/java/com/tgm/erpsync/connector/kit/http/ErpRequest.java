package com.tgm.erpsync.connector.kit.http;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP exchange as a dialect describes it. Headers are single-valued and keep the name as
 * given; {@code idempotent} tells the runtime whether re-sending after an unclear outcome is safe.
 */
public record ErpRequest(
    String method, URI uri, Map<String, String> headers, byte[] body, boolean idempotent) {

  public ErpRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    headers =
        Collections.unmodifiableMap(new LinkedHashMap<>(headers == null ? Map.of() : headers));
  }

  /** A GET without body; idempotent. */
  public static ErpRequest get(URI uri) {
    return new ErpRequest("GET", uri, Map.of(), null, true);
  }

  /** A request with an optional body; idempotent unless the method is POST. */
  public static ErpRequest of(String method, URI uri, String contentType, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    return new ErpRequest(method, uri, headers, body, !"POST".equalsIgnoreCase(method));
  }

  /** A copy with the header set, replacing any header of the same name in any letter case. */
  public ErpRequest withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
    copy.put(name, value);
    return new ErpRequest(method, uri, copy, body, idempotent);
  }

  public ErpRequest withIdempotent(boolean idempotent) {
    return new ErpRequest(method, uri, headers, body, idempotent);
  }

  /** The value of a header, matched case-insensitively, or null. */
  public String header(String name) {
    for (Map.Entry<String, String> entry : headers.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** Never prints header values or the body: they may hold credentials. */
  @Override
  public String toString() {
    return method + " " + uri;
  }
}
