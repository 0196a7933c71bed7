package com.tgm.erpsync.sandbox.core.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as the simulated gateway sees it: either a real request or an operation inside a
 * {@code $batch}.
 *
 * @param method upper-case HTTP method, after {@code X-HTTP-Method} tunnelling was applied
 * @param path decoded request path
 * @param rawQuery raw query string, or empty
 * @param params decoded query parameters (first value wins)
 * @param headers request headers, case-insensitive names
 * @param body request body, possibly empty
 * @param batchPart whether the call is an operation inside a {@code $batch}
 */
public record Call(
    String method,
    String path,
    String rawQuery,
    Map<String, String> params,
    Map<String, List<String>> headers,
    byte[] body,
    boolean batchPart) {

  /** Builds a call, copying the headers into a case-insensitive map. */
  public static Call of(
      String method,
      String path,
      String rawQuery,
      Map<String, List<String>> headers,
      byte[] body,
      boolean batchPart) {
    Map<String, List<String>> ci = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> ci.put(k, List.copyOf(v)));
    String q = rawQuery == null ? "" : rawQuery;
    return new Call(method, path, q, QueryString.parse(q), ci, body, batchPart);
  }

  /** First value of a header, or null. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Query parameter value, or null. */
  public String param(String name) {
    return params.get(name);
  }

  /** The body decoded as UTF-8. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Whether the method changes data and therefore needs a CSRF token. */
  public boolean isModifying() {
    return switch (method) {
      case "POST", "PUT", "PATCH", "MERGE", "DELETE" -> true;
      default -> false;
    };
  }
}
