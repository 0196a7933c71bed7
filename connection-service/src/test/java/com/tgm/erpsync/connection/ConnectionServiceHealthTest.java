package com.tgm.erpsync.connection;

import static com.tgm.erpsync.testsupport.HealthAssertions.assertLiveAndReadyWith;
import static io.restassured.RestAssured.given;

import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class ConnectionServiceHealthTest {

  @Test
  void isLiveAndReadyWithEveryDependencyProbed() {
    assertLiveAndReadyWith(
        "Database connections health check",
        "database schema migrated",
        "Kafka connection health check",
        "erp outbox");
  }

  @Test
  void servesSwaggerUiAtTheGuidesPath() {
    given().when().get("/swagger-ui.html").then().statusCode(200);
    given().when().get("/q/openapi").then().statusCode(200);
  }
}
