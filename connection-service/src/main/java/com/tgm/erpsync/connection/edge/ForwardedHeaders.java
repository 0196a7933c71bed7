package com.tgm.erpsync.connection.edge;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Carries the caller's bearer token and W3C trace context from the admin request to the downstream
 * call: the downstream service checks the same token itself, and the trace stays one trace.
 */
public class ForwardedHeaders implements ClientHeadersFactory {
  static final List<String> NAMES = List.of(HttpHeaders.AUTHORIZATION, "traceparent", "tracestate");

  @Override
  public MultivaluedMap<String, String> update(
      MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
    MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
    if (incoming == null) {
      return headers;
    }
    for (Map.Entry<String, List<String>> header : incoming.entrySet()) {
      for (String name : NAMES) {
        if (name.equalsIgnoreCase(header.getKey()) && header.getValue() != null) {
          headers.put(name, List.copyOf(header.getValue()));
        }
      }
    }
    return headers;
  }
}
