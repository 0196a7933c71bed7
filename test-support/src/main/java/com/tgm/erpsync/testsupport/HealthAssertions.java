package com.tgm.erpsync.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

/** Health assertions for a {@code @QuarkusTest}: the service under test, over real HTTP. */
public final class HealthAssertions {
  private HealthAssertions() {}

  /** Live, ready, every check UP, and at least the named checks present. */
  public static void assertLiveAndReadyWith(String... checkNames) {
    given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", is("UP"))
        .body("checks.status", everyItem(is("UP")))
        .body("checks.name", hasItems(checkNames));
  }
}
