package com.tgm.erpsync.connection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.AdminTokens;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every admin endpoint, enumerated from the OpenAPI document so a new one cannot slip through
 * unprotected, refuses callers without a valid admin token with problem+json.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class AdminApiSecurityTest {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

  private record Endpoint(String method, String path) {}

  private List<Endpoint> endpoints;

  @BeforeEach
  void enumerateAdminEndpoints() {
    JsonPath openApi =
        given()
            .queryParam("format", "json")
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Map<String, Map<String, Object>> paths = openApi.getMap("paths");
    endpoints = new ArrayList<>();
    paths.forEach(
        (path, operations) -> {
          if (path.startsWith("/api/admin/erp")) {
            operations.keySet().stream()
                .filter(METHODS::contains)
                .forEach(
                    method ->
                        endpoints.add(new Endpoint(method, path.replaceAll("\\{[^}]+}", "1"))));
          }
        });
    assertThat(endpoints)
        .contains(
            new Endpoint("get", "/api/admin/erp/supported-erp-types"),
            new Endpoint("get", "/api/admin/erp/syncable-entities"));
  }

  @Test
  void refusesEveryAdminEndpointWithoutToken() {
    assertEveryEndpoint(request -> request, 401);
  }

  @Test
  void refusesEveryAdminEndpointWithExpiredToken() {
    assertEveryEndpoint(request -> request.auth().oauth2(AdminTokens.expired("alice")), 401);
  }

  @Test
  void refusesEveryAdminEndpointWithTokenSignedByUntrustedKey() {
    assertEveryEndpoint(
        request -> request.auth().oauth2(AdminTokens.signedByStranger("mallory")), 401);
  }

  @Test
  void refusesEveryAdminEndpointWithoutAdminRole() {
    assertEveryEndpoint(request -> request.auth().oauth2(AdminTokens.withoutAdminRole("bob")), 403);
  }

  @Test
  void acceptsAdminTokenOnReferenceData() {
    given()
        .auth()
        .oauth2(AdminTokens.admin("alice"))
        .get("/api/admin/erp/supported-erp-types")
        .then()
        .statusCode(200);
  }

  @Test
  void leavesHealthOpenApiAndSwaggerUiPublic() {
    given().get("/q/health/ready").then().statusCode(200);
    given().get("/q/openapi").then().statusCode(200);
    given().get("/swagger-ui.html").then().statusCode(200);
  }

  private void assertEveryEndpoint(UnaryOperator<RequestSpecification> auth, int status) {
    for (Endpoint endpoint : endpoints) {
      Response response =
          auth.apply(given().contentType("application/json").body("{}"))
              .request(endpoint.method(), endpoint.path());
      assertThat(response.statusCode()).as(endpoint.toString()).isEqualTo(status);
      assertThat(response.contentType())
          .as(endpoint.toString())
          .startsWith("application/problem+json");
      response.then().body("status", equalTo(status));
      if (status == 401) {
        assertThat(response.header("WWW-Authenticate")).as(endpoint.toString()).isEqualTo("Bearer");
      }
    }
  }
}
