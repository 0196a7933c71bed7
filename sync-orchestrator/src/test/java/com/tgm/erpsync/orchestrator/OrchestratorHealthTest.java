package com.tgm.erpsync.orchestrator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
class OrchestratorHealthTest {

  @Test
  void isLiveAndReadyWithEveryDependencyProbed() {
    given().when().get("/q/health/live").then().statusCode(200);
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", is("UP"))
        .body("checks.status", everyItem(is("UP")))
        .body(
            "checks.name",
            hasItems(
                "Database connections health check",
                "database schema migrated",
                "Kafka connection health check"));
  }
}
