package com.tgm.erpsync.sandbox.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Minimal HTTP client for tests: Basic credentials, cookies and JSON parsing. */
final class SapTestClient {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI base;

  SapTestClient(URI base) {
    this(base, HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build());
  }

  SapTestClient(URI base, HttpClient http) {
    this.base = base;
    this.http = http;
  }

  static String basic() {
    return basic(SandboxOptions.DEFAULT_USER, SandboxOptions.DEFAULT_PASSWORD);
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(base + pathAndQuery))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", basic());
  }

  HttpResponse<String> get(String pathAndQuery) {
    return send(request(pathAndQuery).GET().build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Fetches a CSRF token from the service root (cookies are kept by the client). */
  String fetchCsrf(String serviceRoot) {
    HttpResponse<String> r =
        send(request(serviceRoot + "/").header("X-CSRF-Token", "Fetch").GET().build());
    return r.headers().firstValue("X-CSRF-Token").orElseThrow();
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
