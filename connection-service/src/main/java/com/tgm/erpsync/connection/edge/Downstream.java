package com.tgm.erpsync.connection.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ConnectTimeoutException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * One downstream service as the edge calls it: its answers relayed as they are, its failures told
 * apart (unreachable 503, too slow 504, failing or unreadable 502) in words that name the service
 * and never carry a token or an address.
 */
final class Downstream {
  private static final long DEFAULT_CONNECT_TIMEOUT_MS = 15_000;
  private static final long DEFAULT_READ_TIMEOUT_MS = 30_000;

  private final String name;
  private final ObjectMapper json;

  Downstream(String name, ObjectMapper json) {
    this.name = name;
    this.json = json;
  }

  /**
   * Calls the service and answers with its status, body and content type. A 5xx or a body that is
   * not JSON becomes {@link DownstreamFailureException}; a Location points at the same path on the
   * edge, which serves the same paths.
   */
  Response relay(Supplier<Response> request) {
    Response answer = call(request);
    try {
      int status = answer.getStatus();
      byte[] body = answer.hasEntity() ? answer.readEntity(byte[].class) : new byte[0];
      String type = answer.getHeaderString(HttpHeaders.CONTENT_TYPE);
      if (status >= 500) {
        throw failure("it answered HTTP " + status + problemDetail(type, body));
      }
      if (body.length > 0 && !isJson(type, body)) {
        throw failure("its answer (HTTP " + status + ") is not JSON");
      }
      Response.ResponseBuilder relayed = Response.status(status);
      if (body.length > 0) {
        relayed.entity(body).type(type);
      }
      URI location = answer.getLocation();
      if (location != null) {
        relayed.location(onTheEdge(location));
      }
      return relayed.build();
    } catch (ProcessingException e) {
      throw failure("its answer could not be read");
    } finally {
      answer.close();
    }
  }

  /** Calls the service; a transport failure becomes a {@link DownstreamException}. */
  Response call(Supplier<Response> request) {
    try {
      return request.get();
    } catch (ProcessingException e) {
      throw classify(e);
    }
  }

  DownstreamUnavailableException unavailable(String reason) {
    Log.warnf("ERP edge: %s is unavailable: %s", name, reason);
    return new DownstreamUnavailableException(name, reason);
  }

  DownstreamFailureException failure(String reason) {
    Log.warnf("ERP edge: %s failed: %s", name, reason);
    return new DownstreamFailureException(name, reason);
  }

  private DownstreamException classify(ProcessingException e) {
    DownstreamException failure = null;
    for (Throwable t = e; t != null && failure == null; t = t.getCause()) {
      if (t instanceof UnknownHostException) {
        failure = new DownstreamUnavailableException(name, "its host name does not resolve");
      } else if (t instanceof ConnectTimeoutException) {
        failure =
            new DownstreamUnavailableException(
                name,
                "no connection within " + timeout("connect", DEFAULT_CONNECT_TIMEOUT_MS) + " ms");
      } else if (t instanceof ConnectException) {
        failure = new DownstreamUnavailableException(name, "connection refused");
      } else if (t instanceof NoRouteToHostException) {
        failure = new DownstreamUnavailableException(name, "no route to its host");
      } else if (t instanceof TimeoutException) {
        failure = new DownstreamTimeoutException(name, timeout("read", DEFAULT_READ_TIMEOUT_MS));
      }
    }
    if (failure == null) {
      failure =
          new DownstreamFailureException(name, "the connection broke before an answer was read");
    }
    // the cause names the address, useful in the log and kept out of the answer
    Log.warnf("ERP edge: %s (%s)", failure.getMessage(), rootCause(e));
    return failure;
  }

  private long timeout(String kind, long defaultMs) {
    return ConfigProvider.getConfig()
        .getOptionalValue("quarkus.rest-client." + name + "." + kind + "-timeout", Long.class)
        .orElse(defaultMs);
  }

  private boolean isJson(String type, byte[] body) {
    if (type == null || !isJsonType(type)) {
      return false;
    }
    try {
      json.readTree(body);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isJsonType(String type) {
    try {
      MediaType media = MediaType.valueOf(type);
      return media.getSubtype().equals("json") || media.getSubtype().endsWith("+json");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A downstream problem's own detail is written for users, so it may travel with the 502. */
  private String problemDetail(String type, byte[] body) {
    if (body.length == 0 || type == null || !type.startsWith("application/problem+json")) {
      return "";
    }
    try {
      JsonNode detail = json.readTree(body).path("detail");
      return detail.isTextual() && !detail.asText().isBlank() ? " (" + detail.asText() + ")" : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static URI onTheEdge(URI location) {
    String relative = location.getRawPath() == null ? "/" : location.getRawPath();
    if (location.getRawQuery() != null) {
      relative += "?" + location.getRawQuery();
    }
    return URI.create(relative);
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
