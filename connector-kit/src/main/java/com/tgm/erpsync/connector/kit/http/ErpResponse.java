package com.tgm.erpsync.connector.kit.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the ERP answered: status, headers (all values), body and how long the exchange took. */
public record ErpResponse(
    int status, Map<String, List<String>> headers, byte[] body, long latencyMs) {

  public ErpResponse {
    headers =
        Collections.unmodifiableMap(new LinkedHashMap<>(headers == null ? Map.of() : headers));
    body = body == null ? new byte[0] : body;
  }

  /** The first value of a header, matched case-insensitively. */
  public Optional<String> header(String name) {
    List<String> values = headers(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** All values of a header, matched case-insensitively. */
  public List<String> headers(String name) {
    List<String> values = new ArrayList<>();
    headers.forEach(
        (key, list) -> {
          if (key != null && key.equalsIgnoreCase(name)) {
            values.addAll(list);
          }
        });
    return values;
  }

  /** The body as UTF-8 text. */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Whether the status is 2xx. */
  public boolean ok() {
    return status >= 200 && status < 300;
  }

  @Override
  public String toString() {
    return "ErpResponse[status=" + status + ", latencyMs=" + latencyMs + "]";
  }
}
