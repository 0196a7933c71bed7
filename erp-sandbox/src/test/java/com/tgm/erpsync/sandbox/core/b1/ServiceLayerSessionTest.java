package com.tgm.erpsync.sandbox.core.b1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.sandbox.core.SandboxOptions;
import com.tgm.erpsync.sandbox.core.SapSandbox;
import com.tgm.erpsync.sandbox.core.journal.JournalEntry;
import com.tgm.erpsync.sandbox.core.journal.JournalFilter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Service Layer login, cookies, session timeout, logout and the two error forms. */
class ServiceLayerSessionTest {

  private static SapSandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox =
        SapSandbox.start(
            SandboxOptions.builder()
                .equipmentCount(10)
                .eccHttpsPort(-1)
                .businessPartnerCount(50)
                .itemCount(50)
                .b1SessionTimeout(Duration.ofMinutes(30))
                .build());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void reset() {
    sandbox.reset();
  }

  private static B1TestClient v1() {
    return new B1TestClient(sandbox.baseUri(), SapSandbox.B1_V1);
  }

  private static B1TestClient v2() {
    return new B1TestClient(sandbox.baseUri(), SapSandbox.B1_V2);
  }

  @Test
  void loginAnswersTheSessionAndSetsBothCookies() {
    B1TestClient client = v1();
    HttpResponse<String> r = client.login();

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = B1TestClient.json(r);
    assertThat(body.path("odata.metadata").asText())
        .isEqualTo(sandbox.baseUri() + "/b1s/v1/$metadata#B1Sessions/@Element");
    assertThat(body.path("SessionId").asText()).isNotBlank();
    assertThat(body.path("Version").asText()).isNotBlank();
    assertThat(body.path("SessionTimeout").asInt()).isEqualTo(30);
    List<String> cookies = r.headers().allValues("Set-Cookie");
    assertThat(cookies)
        .contains("B1SESSION=" + body.path("SessionId").asText() + "; HttpOnly")
        .contains("ROUTEID=.node1; path=/b1s");
    assertThat(client.get("BusinessPartners?$top=1").statusCode()).isEqualTo(200);
  }

  @Test
  void v2LoginAnswersAnOdataContext() {
    HttpResponse<String> r = v2().login();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(B1TestClient.json(r).path("@odata.context").asText())
        .endsWith("/b1s/v2/$metadata#B1Sessions/$entity");
  }

  @Test
  void wrongCredentialsAreRefusedWithTheV1ErrorForm() {
    HttpResponse<String> password =
        v1().login(SandboxOptions.DEFAULT_B1_COMPANY_DB, SandboxOptions.DEFAULT_B1_USER, "nope");
    assertThat(password.statusCode()).isEqualTo(401);
    JsonNode error = B1TestClient.json(password).path("error");
    assertThat(error.path("code").isInt()).isTrue();
    assertThat(error.path("code").asInt()).isEqualTo(-304);
    assertThat(error.path("message").path("lang").asText()).isEqualTo("en-us");
    assertThat(error.path("message").path("value").asText())
        .isEqualTo("Fail to NONE-SSO login from SLD.");
    assertThat(password.headers().allValues("Set-Cookie")).isEmpty();

    HttpResponse<String> company =
        v1().login("NOSUCHDB", SandboxOptions.DEFAULT_B1_USER, SandboxOptions.DEFAULT_B1_PASSWORD);
    assertThat(company.statusCode()).isEqualTo(401);
    assertThat(B1TestClient.json(company).path("error").path("code").asInt()).isEqualTo(-306);

    HttpResponse<String> user =
        v1().login(
                SandboxOptions.DEFAULT_B1_COMPANY_DB, "other", SandboxOptions.DEFAULT_B1_PASSWORD);
    assertThat(user.statusCode()).isEqualTo(401);
  }

  @Test
  void wrongCredentialsAreRefusedWithTheV2ErrorForm() {
    HttpResponse<String> r =
        v2().login(SandboxOptions.DEFAULT_B1_COMPANY_DB, SandboxOptions.DEFAULT_B1_USER, "nope");
    assertThat(r.statusCode()).isEqualTo(401);
    JsonNode error = B1TestClient.json(r).path("error");
    assertThat(error.path("code").isTextual()).isTrue();
    assertThat(error.path("code").asText()).isEqualTo("-304");
    assertThat(error.path("message").isTextual()).isTrue();
    assertThat(error.path("message").asText()).isEqualTo("Fail to NONE-SSO login from SLD.");
    assertThat(error.path("details").isArray()).isTrue();
  }

  @Test
  void everyOtherCallNeedsAValidSessionCookie() {
    HttpResponse<String> none = v1().get("BusinessPartners");
    assertThat(none.statusCode()).isEqualTo(401);
    JsonNode v1Error = B1TestClient.json(none).path("error");
    assertThat(v1Error.path("code").asInt()).isEqualTo(301);
    assertThat(v1Error.path("message").path("value").asText())
        .isEqualTo("Invalid session or session already timeout.");

    B1TestClient forged = v2();
    forged.cookies("B1SESSION=garbage; ROUTEID=.node1");
    HttpResponse<String> bad = forged.get("Items");
    assertThat(bad.statusCode()).isEqualTo(401);
    JsonNode v2Error = B1TestClient.json(bad).path("error");
    assertThat(v2Error.path("code").asText()).isEqualTo("301");
    assertThat(v2Error.path("message").asText())
        .isEqualTo("Invalid session or session already timeout.");
  }

  @Test
  void aSessionIsAcceptedByBothVersions() {
    B1TestClient client = v1();
    client.login();
    B1TestClient other = v2();
    other.cookies(client.cookies());
    assertThat(other.get("Items?$top=1").statusCode()).isEqualTo(200);
  }

  @Test
  void aSessionEndsAfterItsTimeoutWithoutUseAndEachUseExtendsIt() {
    B1TestClient client = v1();
    client.login();
    sandbox.clock().advance(Duration.ofMinutes(20));
    assertThat(client.get("Items?$top=1").statusCode()).isEqualTo(200);
    sandbox.clock().advance(Duration.ofMinutes(20));
    assertThat(client.get("Items?$top=1").statusCode()).isEqualTo(200);
    sandbox.clock().advance(Duration.ofMinutes(31));
    assertThat(client.get("Items?$top=1").statusCode()).isEqualTo(401);
  }

  @Test
  void expiringAllSessionsForcesALoginInProcessAndThroughTheAdminApi() throws Exception {
    B1TestClient client = v2();
    client.login();
    sandbox.expireB1Sessions();
    assertThat(client.get("Items?$top=1").statusCode()).isEqualTo(401);

    client.login();
    assertThat(client.get("Items?$top=1").statusCode()).isEqualTo(200);
    HttpResponse<String> admin =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(sandbox.baseUri() + "/sandbox/admin/b1/sessions/expire"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(admin.statusCode()).isEqualTo(204);
    assertThat(client.get("Items?$top=1").statusCode()).isEqualTo(401);
  }

  @Test
  void logoutEndsTheSession() {
    B1TestClient client = v1();
    client.login();
    assertThat(client.send("POST", "Logout", null).statusCode()).isEqualTo(204);
    assertThat(client.get("Items?$top=1").statusCode()).isEqualTo(401);
  }

  @Test
  void theJournalKeepsLoginsWithoutThePassword() {
    v1().login();
    List<JournalEntry> logins = sandbox.journal().find(JournalFilter.all().pathContains("/Login"));
    assertThat(logins).hasSize(1);
    assertThat(logins.get(0).body())
        .contains("\"CompanyDB\":\"SBODEMOUS\"")
        .contains("\"Password\":\"***\"")
        .doesNotContain(SandboxOptions.DEFAULT_B1_PASSWORD);
    assertThat(logins.get(0).status()).isEqualTo(200);
  }

  @Test
  void injectedFaultsUseTheServiceLayerErrorForm() {
    B1TestClient client = v1();
    client.login();
    sandbox.knobs().failNext(1, 503);
    HttpResponse<String> r = client.get("Items");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(B1TestClient.json(r).path("error").path("message").path("value").asText())
        .isNotBlank();
  }
}
