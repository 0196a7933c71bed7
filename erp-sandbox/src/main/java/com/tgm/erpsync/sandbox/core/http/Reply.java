package com.tgm.erpsync.sandbox.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An HTTP response produced by the simulated gateway, before it is written to the wire. */
public final class Reply {

  /** Shared mapper for all JSON bodies the sandbox writes. */
  public static final ObjectMapper JSON = new ObjectMapper();

  private final int status;
  private final Map<String, List<String>> headers = new LinkedHashMap<>();
  private final byte[] body;

  private Reply(int status, byte[] body) {
    this.status = status;
    this.body = body;
  }

  /** A JSON response of the given object tree. */
  public static Reply json(int status, Object tree) {
    try {
      return new Reply(status, JSON.writeValueAsBytes(tree))
          .header("Content-Type", "application/json; charset=utf-8");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A plain-text response. */
  public static Reply text(int status, String text) {
    return new Reply(status, text.getBytes(StandardCharsets.UTF_8))
        .header("Content-Type", "text/plain; charset=utf-8");
  }

  /** A response with a body of the given content type. */
  public static Reply bytes(int status, String contentType, byte[] body) {
    return new Reply(status, body).header("Content-Type", contentType);
  }

  /** A response without a body. */
  public static Reply empty(int status) {
    return new Reply(status, new byte[0]);
  }

  /** Adds a header value. */
  public Reply header(String name, String value) {
    headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    return this;
  }

  /** Replaces a header. */
  public Reply setHeader(String name, String value) {
    headers.put(name, new ArrayList<>(List.of(value)));
    return this;
  }

  public int status() {
    return status;
  }

  public Map<String, List<String>> headers() {
    return headers;
  }

  /** First value of a header, or null. */
  public String firstHeader(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  public byte[] body() {
    return body;
  }

  /** Standard reason phrase for a status code. */
  public static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 412 -> "Precondition Failed";
      case 428 -> "Precondition Required";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Status " + status;
    };
  }
}
