package com.tgm.erpsync.orchestrator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.AdminTokens;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * The internal schedule state connection-service reads, and the admin token every /api path of the
 * orchestrator requires, checked before the path is looked up.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class ScheduleStateApiTest {
  private static final String STATE = "/api/internal/erp/connections/7/schedule-state";
  private static final String GUIDE_PATH = "/api/admin/erp/sync-jobs/running";
  private static final String NOT_SERVED = "/api/admin/erp/not-served-here";

  @Test
  void answersAnAdminThatNoSyncIsKnownYet() {
    given()
        .auth()
        .oauth2(AdminTokens.admin("alice"))
        .get(STATE)
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("lastFullSync", nullValue())
        .body("lastIncrementalSync", nullValue())
        .body("nextScheduledSync", nullValue())
        .body("activeJobsCount", equalTo(0))
        .body("activeJobIds", empty());
  }

  @Test
  void refusesCallerWithoutToken() {
    for (String path : new String[] {STATE, GUIDE_PATH}) {
      Response response = given().get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(401);
      assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }
  }

  @Test
  void refusesExpiredToken() {
    given().auth().oauth2(AdminTokens.expired("alice")).get(STATE).then().statusCode(401);
    given().auth().oauth2(AdminTokens.expired("alice")).get(GUIDE_PATH).then().statusCode(401);
  }

  @Test
  void refusesTokenSignedByUntrustedKey() {
    given()
        .auth()
        .oauth2(AdminTokens.signedByStranger("mallory"))
        .get(STATE)
        .then()
        .statusCode(401);
  }

  @Test
  void refusesTokenWithoutAdminRole() {
    given().auth().oauth2(AdminTokens.withoutAdminRole("bob")).get(STATE).then().statusCode(403);
    given()
        .auth()
        .oauth2(AdminTokens.withoutAdminRole("bob"))
        .get(GUIDE_PATH)
        .then()
        .statusCode(403);
  }

  @Test
  void letsAdminTokenThroughToPathsNotServed() {
    given().auth().oauth2(AdminTokens.admin("alice")).get(NOT_SERVED).then().statusCode(404);
    given().auth().oauth2(AdminTokens.admin("alice")).get(GUIDE_PATH).then().statusCode(200);
  }

  @Test
  void leavesHealthPublicEvenForAStaleToken() {
    given().get("/q/health/ready").then().statusCode(200);
    given()
        .auth()
        .oauth2(AdminTokens.expired("alice"))
        .get("/q/health/live")
        .then()
        .statusCode(200);
  }
}
