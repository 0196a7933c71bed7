package com.tgm.erpsync.orchestrator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import com.tgm.erpsync.testsupport.AdminTokens;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * Started without TGM_JWT_PUBLIC_KEY pointing at a real key (no AdminJwtResource here), the
 * orchestrator comes up and fails closed: an /api path answers nobody, with or without a token,
 * because the verification itself fails (500).
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
class ScheduleStateWithoutKeyTest {

  @Test
  void answersNoCallWhenNoVerificationKeyIsConfigured() {
    for (String token : new String[] {AdminTokens.admin("alice"), null}) {
      RequestSpecification request = token == null ? given() : given().auth().oauth2(token);
      request
          .get("/api/internal/erp/connections/7/schedule-state")
          .then()
          .statusCode(500)
          .body(not(containsString("activeJobIds")));
    }
    given().get("/q/health/ready").then().statusCode(200);
  }
}
