package com.tgm.erpsync.mapping;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The OpenAPI document lists the guide's mapping endpoints with the guide's descriptions as their
 * summaries, and the request schema carries the guide's Step 2 body as its example.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class MappingOpenApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "GET, /connections/{id}/mappings, List entity mappings",
    "GET, /mappings/{id}, Get mapping details",
    "POST, /connections/{id}/mappings, Create mapping",
    "PUT, /mappings/{id}, Update mapping",
    "DELETE, /mappings/{id}, Delete mapping",
    "POST, /mappings/{id}/preview, Preview a mapping on a sample record"
  })
  void documentsTheGuidesEndpointWithItsDescription(String method, String path, String summary)
      throws Exception {
    JsonNode operation =
        document()
            .path("paths")
            .path("/api/admin/erp" + path)
            .path(method.toLowerCase(Locale.ROOT));

    assertThat(operation.path("summary").asText()).isEqualTo(summary);
    assertThat(operation.path("tags").toString()).contains("Entity Mappings");
  }

  @Test
  void showsTheGuidesStepTwoBodyAsTheRequestExample() throws Exception {
    JsonNode example =
        // OpenAPI 3.1 lists a schema's examples in "examples"
        document()
            .path("components")
            .path("schemas")
            .path("MappingRequest")
            .path("examples")
            .path(0);

    assertThat(example.path("tgmEntityType").asText()).isEqualTo("UNIT");
    assertThat(example.path("erpEntityName").asText()).isEqualTo("Equipment");
    assertThat(example.path("conflictResolution").asText()).isEqualTo("ERP_WINS");
    assertThat(example.path("fieldMappings").get(1).path("isKeyField").asBoolean()).isTrue();
    assertThat(example).isEqualTo(JSON.readTree(Mappings.GUIDE_STEP_2));
  }

  private static JsonNode document() throws Exception {
    return JSON.readTree(
        given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
  }
}
