package com.tgm.erpsync.connection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenAPI document (behind Swagger UI at /swagger-ui.html) lists every endpoint of the guide's
 * API Reference with the guide's description as its summary, and its schemas carry examples with
 * the guide's fields.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class OpenApiContractTest {
  private static final String API = "/api/admin/erp";
  private static JsonNode document;

  @BeforeEach
  void readDocument() throws Exception {
    if (document != null) {
      return;
    }
    document =
        new ObjectMapper()
            .readTree(
                given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
  }

  /** The guide's API Reference tables: method, endpoint, description. */
  static Stream<Arguments> guideEndpoints() {
    return Stream.of(
        Arguments.of("GET", "/connections", "List all connections"),
        Arguments.of("GET", "/connections/{id}", "Get connection details"),
        Arguments.of("POST", "/connections", "Create new connection"),
        Arguments.of("PUT", "/connections/{id}", "Update connection"),
        Arguments.of("DELETE", "/connections/{id}", "Delete connection"),
        Arguments.of("POST", "/connections/{id}/test", "Test connection"),
        Arguments.of("POST", "/connections/{id}/enable", "Enable connection"),
        Arguments.of("POST", "/connections/{id}/disable", "Disable connection"),
        Arguments.of("GET", "/connections/{id}/mappings", "List entity mappings"),
        Arguments.of("GET", "/mappings/{id}", "Get mapping details"),
        Arguments.of("POST", "/connections/{id}/mappings", "Create mapping"),
        Arguments.of("PUT", "/mappings/{id}", "Update mapping"),
        Arguments.of("DELETE", "/mappings/{id}", "Delete mapping"),
        Arguments.of("GET", "/connections/{id}/sync-jobs", "List sync jobs"),
        Arguments.of("GET", "/sync-jobs/{id}", "Get sync job details"),
        Arguments.of("GET", "/sync-jobs/{id}/detail", "Get detailed job info with error logs"),
        Arguments.of("GET", "/sync-jobs/running", "Get all running jobs"),
        Arguments.of("POST", "/connections/{id}/sync/full", "Trigger full sync"),
        Arguments.of("POST", "/connections/{id}/sync/incremental", "Trigger incremental sync"),
        Arguments.of("POST", "/connections/{id}/sync/entity", "Sync single entity"),
        Arguments.of("POST", "/sync-jobs/{id}/cancel", "Cancel running sync"),
        Arguments.of("POST", "/sync-jobs/{id}/retry", "Retry failed job"),
        Arguments.of("GET", "/connections/{id}/sync/statistics", "Get sync statistics"),
        Arguments.of("GET", "/connections/{id}/schedule", "Get schedule configuration"),
        Arguments.of("PUT", "/connections/{id}/schedule", "Update schedule configuration"),
        Arguments.of("POST", "/connections/{id}/schedule/enable", "Enable scheduled sync"),
        Arguments.of("POST", "/connections/{id}/schedule/disable", "Disable scheduled sync"),
        Arguments.of("GET", "/dashboard", "Get sync dashboard with statistics"),
        Arguments.of("GET", "/supported-erp-types", "List supported ERP types"),
        Arguments.of("GET", "/syncable-entities", "List syncable TGM entities"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("guideEndpoints")
  void documentsEveryEndpointOfTheGuide(String method, String path, String description) {
    JsonNode operation =
        document.path("paths").path(API + path).path(method.toLowerCase(Locale.ROOT));
    assertThat(operation.isMissingNode()).as(method + " " + path + " documented").isFalse();
    assertThat(operation.path("summary").asText()).isEqualTo(description);
    assertThat(operation.path("security").isEmpty() && document.path("security").isEmpty())
        .as("%s %s declares its bearer security", method, path)
        .isFalse();
  }

  @Test
  void givesTheGuidesBodiesAsExamples() throws Exception {
    assertThat(example("ConnectionRequest"))
        .contains(
            "name",
            "description",
            "erpType",
            "authType",
            "baseUrl",
            "clientId",
            "clientSecret",
            "sapClient",
            "sapSystemId",
            "sapLanguage",
            "enabled",
            "syncEnabled",
            "syncDirection",
            "syncIntervalMinutes",
            "webhookEnabled");
    assertThat(example("ScheduleSettings"))
        .containsExactlyInAnyOrder(
            "syncEnabled",
            "syncIntervalMinutes",
            "webhookEnabled",
            "maxRetries",
            "retryDelaySeconds",
            "rateLimitRequests",
            "rateLimitPeriodSeconds");
    assertThat(example("ScheduleResponse"))
        .contains(
            "connectionId",
            "connectionName",
            "syncEnabled",
            "syncIntervalMinutes",
            "syncIntervalFormatted",
            "webhookEnabled",
            "webhookUrl",
            "maxRetries",
            "retryDelaySeconds",
            "rateLimitRequests",
            "rateLimitPeriodSeconds",
            "lastFullSync",
            "lastIncrementalSync",
            "nextScheduledSync",
            "nextSyncIn",
            "isScheduleActive",
            "activeJobsCount");
    assertThat(example("TestConnectionResponse"))
        .contains("connectionId", "connectionName", "erpType", "status", "message", "testedAt");
    assertThat(example("ConnectionResponse")).contains("id", "name", "connectionStatus");
  }

  /** The field names of a schema's example, which must also be properties of the schema. */
  private static List<String> example(String schema) throws Exception {
    JsonNode definition = document.path("components").path("schemas").path(schema);
    assertThat(definition.isMissingNode()).as("schema " + schema).isFalse();
    // OpenAPI 3.1 lists a schema's examples in "examples"
    JsonNode example = definition.path("examples").path(0);
    if (example.isTextual()) {
      example = new ObjectMapper().readTree(example.asText());
    }
    assertThat(example.isObject())
        .as("example of " + schema + ": " + definition.path("examples"))
        .isTrue();
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = example.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      assertThat(definition.path("properties").has(name))
          .as("%s.%s of the example is a property of the schema", schema, name)
          .isTrue();
      names.add(name);
    }
    return names;
  }
}
