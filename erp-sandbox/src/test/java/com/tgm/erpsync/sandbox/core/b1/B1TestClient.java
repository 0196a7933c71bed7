package com.tgm.erpsync.sandbox.core.b1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.sandbox.core.SandboxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Plain HTTP client of the Service Layer for tests: login, cookies sent by hand, JSON. */
final class B1TestClient {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;
  private final String root;
  private String cookies;

  /** A client of {@code base + root} (root {@code /b1s/v1} or {@code /b1s/v2}). */
  B1TestClient(URI base, String root) {
    this.base = base;
    this.root = root;
  }

  HttpResponse<String> login() {
    return login(
        SandboxOptions.DEFAULT_B1_COMPANY_DB,
        SandboxOptions.DEFAULT_B1_USER,
        SandboxOptions.DEFAULT_B1_PASSWORD);
  }

  HttpResponse<String> login(String company, String user, String password) {
    String body =
        "{\"CompanyDB\":\""
            + company
            + "\",\"UserName\":\""
            + user
            + "\",\"Password\":\""
            + password
            + "\"}";
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create(base + root + "/Login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    if (r.statusCode() == 200) {
      List<String> pairs = new ArrayList<>();
      for (String header : r.headers().allValues("Set-Cookie")) {
        pairs.add(header.split(";", 2)[0]);
      }
      cookies = String.join("; ", pairs);
    }
    return r;
  }

  /** The Cookie header this client sends, or null before login. */
  String cookies() {
    return cookies;
  }

  void cookies(String value) {
    cookies = value;
  }

  HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + root + "/" + pathAndQuery))
            .timeout(Duration.ofSeconds(30));
    if (cookies != null) {
      b.header("Cookie", cookies);
    }
    return b;
  }

  HttpResponse<String> get(String pathAndQuery) {
    return send(request(pathAndQuery).GET().build());
  }

  HttpResponse<String> send(String method, String pathAndQuery, String json) {
    return send(
        request(pathAndQuery)
            .header("Content-Type", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
