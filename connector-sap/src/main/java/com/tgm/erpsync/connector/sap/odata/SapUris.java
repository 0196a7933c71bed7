package com.tgm.erpsync.connector.sap.odata;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Query strings as SAP Gateway reads them: system options ($…) and sap-client on every call. */
public final class SapUris {
  private SapUris() {}

  /** The URI with the parameters added (those it already has are kept, not repeated). */
  public static URI withQuery(URI uri, Map<String, String> parameters) {
    String existing = uri.getRawQuery();
    StringBuilder query = new StringBuilder(existing == null ? "" : existing);
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      if (parameter.getValue() == null || has(existing, parameter.getKey())) {
        continue;
      }
      if (!query.isEmpty()) {
        query.append('&');
      }
      query.append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
    }
    String text = uri.toString();
    int question = text.indexOf('?');
    String base = question < 0 ? text : text.substring(0, question);
    return URI.create(query.isEmpty() ? base : base + "?" + query);
  }

  private static boolean has(String query, String name) {
    if (query == null) {
      return false;
    }
    String encoded = encode(name);
    for (String part : query.split("&")) {
      if (part.startsWith(name + "=") || part.startsWith(encoded + "=")) {
        return true;
      }
    }
    return false;
  }

  /** Percent-encoding for query values, with spaces as %20 (OData filters read them so). */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("%24", "$")
        .replace("%27", "'")
        .replace("%28", "(")
        .replace("%29", ")")
        .replace("%2C", ",");
  }
}
