package com.tgm.erpsync.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A person changing equipment in SAP (in Fiori, say) while sync runs: OData V4 PATCHes through the
 * sandbox's own API under an OAuth client of their own and a User-Agent that tells their requests
 * apart from the connector's in the journal.
 */
final class SapUser {
  static final String CLIENT_ID = "maintenance-planner";
  static final String CLIENT_SECRET = "planner-secret";
  static final String USER_AGENT = "sap-fiori-maintenance-planner";
  static final String EQUIPMENT =
      "/sap/opu/odata4/sap/api_equipment/srvd_a2x/sap/equipment/0001/Equipment";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private String token;
  private String csrf;

  SapUser(URI base) {
    this.base = base;
  }

  /**
   * Sets fields of one equipment record, whatever its version (If-Match: *).
   *
   * @param storeKey the record's key as the sandbox store has it, {@code number|validityEnd}
   */
  synchronized void change(String storeKey, Map<String, Object> values) throws Exception {
    String[] key = storeKey.split("\\|");
    String equipment = key[0];
    String entity = "(Equipment='" + equipment + "',ValidityEndDate=" + key[1] + ")";
    for (int attempt = 0; attempt < 2; attempt++) {
      HttpResponse<String> answer =
          http.send(
              request(EQUIPMENT + entity)
                  .header("X-CSRF-Token", csrf())
                  .header("If-Match", "*")
                  .header("Content-Type", "application/json")
                  .method(
                      "PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(values)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() == 204) {
        return;
      }
      if (answer.statusCode() != 403 && answer.statusCode() != 401) {
        throw new IllegalStateException(
            "PATCH of equipment " + equipment + ": " + answer.statusCode() + " " + answer.body());
      }
      token = null;
      csrf = null;
    }
    throw new IllegalStateException("PATCH of equipment " + equipment + " refused twice");
  }

  private String csrf() throws Exception {
    if (csrf == null) {
      HttpResponse<String> answer =
          http.send(
              request(EQUIPMENT + "?$top=1").header("X-CSRF-Token", "Fetch").GET().build(),
              HttpResponse.BodyHandlers.ofString());
      csrf =
          answer
              .headers()
              .firstValue("X-CSRF-Token")
              .orElseThrow(() -> new IllegalStateException("no CSRF token: " + answer.body()));
    }
    return csrf;
  }

  private HttpRequest.Builder request(String path) throws Exception {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token())
        .header("User-Agent", USER_AGENT)
        .header("Accept", "application/json");
  }

  private String token() throws Exception {
    if (token == null) {
      String form =
          "grant_type=client_credentials&client_id="
              + URLEncoder.encode(CLIENT_ID, StandardCharsets.UTF_8)
              + "&client_secret="
              + URLEncoder.encode(CLIENT_SECRET, StandardCharsets.UTF_8);
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(base.resolve("/sap/bc/sec/oauth2/token"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("no token: " + answer.statusCode() + " " + answer.body());
      }
      token = JSON.readTree(answer.body()).path("access_token").asText();
    }
    return token;
  }
}
