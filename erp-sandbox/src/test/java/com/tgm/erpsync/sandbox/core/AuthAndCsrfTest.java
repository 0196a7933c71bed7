package com.tgm.erpsync.sandbox.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthAndCsrfTest {

  private static final String ROOT = SapSandbox.S4_EQUIPMENT_V2;
  private static final String KEY =
      "/Equipment(Equipment='10000001',ValidityEndDate=datetime'9999-12-31T00:00:00')";
  private SapSandbox sandbox;
  private SapTestClient client;

  @BeforeEach
  void start() {
    sandbox =
        SapSandbox.start(
            SandboxOptions.builder()
                .equipmentCount(100)
                .eccHttpsPort(-1)
                .tokenLifetime(Duration.ofMinutes(10))
                .build());
    client = new SapTestClient(sandbox.baseUri());
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private HttpResponse<String> token(String id, String secret) {
    String basic = Base64.getEncoder().encodeToString((id + ":" + secret).getBytes());
    return client.send(
        HttpRequest.newBuilder(sandbox.baseUri().resolve(SapSandbox.TOKEN_PATH + "?sap-client=100"))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
            .build());
  }

  private HttpResponse<String> getWith(String authorization) {
    return client.send(
        HttpRequest.newBuilder(sandbox.baseUri().resolve(ROOT + "/Equipment?$top=1"))
            .header("Authorization", authorization)
            .GET()
            .build());
  }

  @Test
  void issuesClientCredentialsTokensThatExpire() {
    HttpResponse<String> r =
        token(SandboxOptions.DEFAULT_CLIENT_ID, SandboxOptions.DEFAULT_CLIENT_SECRET);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode t = SapTestClient.json(r);
    assertThat(t.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(t.get("expires_in").asLong()).isEqualTo(600);
    String bearer = "Bearer " + t.get("access_token").asText();
    assertThat(getWith(bearer).statusCode()).isEqualTo(200);
    sandbox.clock().advance(Duration.ofMinutes(11));
    HttpResponse<String> expired = getWith(bearer);
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(expired.headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith("Bearer")
        .contains("invalid_token");
  }

  @Test
  void acceptsClientCredentialsAsFormFields() {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(sandbox.baseUri().resolve(SapSandbox.TOKEN_PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=tgm-sync&client_secret=tgm-sync-secret"))
                .build());
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void refusesAWrongClientSecret() {
    HttpResponse<String> r = token(SandboxOptions.DEFAULT_CLIENT_ID, "wrong");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(SapTestClient.json(r).get("error").asText()).isEqualTo("invalid_client");
  }

  @Test
  void checksBasicCredentialsAndChallengesWithoutThem() {
    assertThat(getWith(SapTestClient.basic()).statusCode()).isEqualTo(200);
    assertThat(getWith(SapTestClient.basic("TGM_SYNC", "nope")).statusCode()).isEqualTo(401);
    HttpResponse<String> none =
        client.send(
            HttpRequest.newBuilder(sandbox.baseUri().resolve(ROOT + "/Equipment")).GET().build());
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate").orElseThrow())
        .isEqualTo("Basic realm=\"SAP NetWeaver Application Server [S4H/100]\"");
  }

  @Test
  void requiresAFetchedCsrfTokenAndSessionCookieForWrites() {
    HttpRequest.Builder patch =
        client
            .request(ROOT + KEY)
            .header("If-Match", "*")
            .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"EquipmentName\":\"x\"}"));
    HttpResponse<String> refused = client.send(patch.build());
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.headers().firstValue("X-CSRF-Token")).contains("Required");

    HttpResponse<String> fetch =
        client.send(client.request(ROOT + "/").header("X-CSRF-Token", "Fetch").GET().build());
    String token = fetch.headers().firstValue("X-CSRF-Token").orElseThrow();
    assertThat(fetch.headers().allValues("Set-Cookie"))
        .anyMatch(c -> c.startsWith("SAP_SESSIONID_S4H_100="))
        .anyMatch(c -> c.startsWith("sap-usercontext=sap-client=100"));
    assertThat(client.send(patch.copy().header("X-CSRF-Token", token).build()).statusCode())
        .isEqualTo(204);

    sandbox.expireCsrfTokens();
    HttpResponse<String> stale = client.send(patch.copy().header("X-CSRF-Token", token).build());
    assertThat(stale.statusCode()).isEqualTo(403);
    assertThat(stale.headers().firstValue("X-CSRF-Token")).contains("Required");
    String fresh = client.fetchCsrf(ROOT);
    assertThat(fresh).isNotEqualTo(token);
    assertThat(client.send(patch.copy().header("X-CSRF-Token", fresh).build()).statusCode())
        .isEqualTo(204);
  }

  @Test
  void refusesATokenWithoutItsSessionCookie() {
    String token = client.fetchCsrf(ROOT);
    SapTestClient cookieless =
        new SapTestClient(sandbox.baseUri(), java.net.http.HttpClient.newHttpClient());
    HttpResponse<String> r =
        cookieless.send(
            cookieless
                .request(ROOT + KEY)
                .header("X-CSRF-Token", token)
                .header("If-Match", "*")
                .DELETE()
                .build());
    assertThat(r.statusCode()).isEqualTo(403);
  }
}
