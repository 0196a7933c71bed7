package com.tgm.erpsync.mapping;

import static com.tgm.erpsync.mapping.Mappings.COMPANY;
import static com.tgm.erpsync.mapping.Mappings.WAIT;
import static com.tgm.erpsync.mapping.Mappings.admin;
import static com.tgm.erpsync.mapping.Mappings.connectionExists;
import static com.tgm.erpsync.mapping.Mappings.create;
import static com.tgm.erpsync.mapping.Mappings.freshConnectionId;
import static com.tgm.erpsync.mapping.Mappings.mapping;
import static com.tgm.erpsync.mapping.Mappings.mappingRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.mapping.messaging.ConnectionTable;
import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TopicProbe;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * POST /mappings/{id}/preview: the engine a sync runs, on a sample record, with every failed field
 * named and nothing written.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class MappingPreviewTest {
  /** SAP S/4HANA Equipment (OData V2) as a UNIT. */
  private static final String EQUIPMENT =
      """
      {"tgmEntityType": "UNIT", "erpEntityName": "Equipment",
       "fieldMappings": [
        {"tgmField": "serialNumber", "erpField": "Equipment", "isKeyField": true},
        {"tgmField": "name", "erpField": "EquipmentName", "required": true},
        {"tgmField": "installDate", "erpField": "ConstructionDate", "fieldType": "DATE",
         "format": "ODATA_V2"},
        {"tgmField": "status", "erpField": "EquipmentStatus", "fieldType": "ENUM",
         "valueMap": {"ACTIVE": "AVLB", "INACTIVE": "INAC", "DECOMMISSIONED": "DLFL"}},
        {"tgmField": "specifications", "erpField": "TechnicalData", "fieldType": "JSON"},
        {"tgmField": "locationId", "erpField": "FunctionalLocation", "fieldType": "REFERENCE",
         "referenceEntity": "LOCATION"}]}
      """;

  private static final String PUMP =
      """
      {"Equipment": "10000045", "EquipmentName": "Pump P-101",
       "ConstructionDate": "/Date(1492041600000)/", "EquipmentStatus": "INAC",
       "TechnicalData": {"ratedPowerKw": 7.5}, "__metadata": {"etag": "W/\\"1\\""}}
      """;

  private final ObjectMapper json = new ObjectMapper();

  @Inject ConnectionTable table;
  @Inject AgroalDataSource dataSource;

  private long connection;

  @BeforeEach
  void openConnection() throws Exception {
    connection = connectionExists(table, freshConnectionId());
  }

  @Test
  void mapsAnErpRecordToTgmWithItsKeyAndHash() throws Exception {
    long id = create(connection, EQUIPMENT);

    JsonNode preview = preview(id, "INBOUND", PUMP, 200);

    assertThat(preview.path("mappingId").asLong()).isEqualTo(id);
    assertThat(preview.path("mappingVersion").asLong()).isEqualTo(1);
    assertThat(preview.path("direction").asText()).isEqualTo("INBOUND");
    assertThat(preview.path("record"))
        .isEqualTo(
            json.readTree(
                """
                {"serialNumber": "10000045", "name": "Pump P-101", "installDate": "2017-04-13",
                 "status": "INACTIVE", "specifications": {"ratedPowerKw": 7.5}}
                """));
    assertThat(preview.path("erpKey")).isEqualTo(json.readTree("{\"Equipment\": \"10000045\"}"));
    assertThat(preview.path("recordHash").asText()).matches("[0-9a-f]{64}");
    assertThat(preview.path("errorCode").isNull()).isTrue();
    assertThat(preview.path("problems")).isEmpty();
    assertThat(preview.path("unresolvedReferences")).isEmpty();
  }

  @Test
  void mapsATgmRecordToTheErpShapeAndBackToTheSameHash() throws Exception {
    long id = create(connection, EQUIPMENT);
    String tgm =
        """
        {"id": 42, "serialNumber": "10000045", "name": "Pump P-101",
         "installDate": "2017-04-13", "status": "INACTIVE",
         "specifications": {"ratedPowerKw": 7.5}, "model": "not mapped"}
        """;

    JsonNode outbound = preview(id, "OUTBOUND", tgm, 200);

    assertThat(outbound.path("record"))
        .isEqualTo(
            json.readTree(
                """
                {"Equipment": "10000045", "EquipmentName": "Pump P-101",
                 "ConstructionDate": "/Date(1492041600000)/", "EquipmentStatus": "INAC",
                 "TechnicalData": {"ratedPowerKw": 7.5}}
                """));
    assertThat(outbound.path("erpKey")).isEqualTo(json.readTree("{\"Equipment\": \"10000045\"}"));
    assertThat(outbound.path("problems")).isEmpty();
    // what TGM writes comes back from the ERP with the same hash: an echo a sync recognises
    JsonNode inbound = preview(id, "INBOUND", outbound.path("record").toString(), 200);
    assertThat(inbound.path("recordHash").asText()).isEqualTo(outbound.path("recordHash").asText());
  }

  @Test
  void namesEveryFieldThatFailsAndStillMapsTheOthers() throws Exception {
    long id = create(connection, EQUIPMENT);
    String bad =
        """
        {"Equipment": "10000045", "ConstructionDate": "13.04.2017", "EquipmentStatus": "XXXX",
         "TechnicalData": {"ratedPowerKw": 7.5}}
        """;

    JsonNode preview = preview(id, "INBOUND", bad, 200);

    assertThat(preview.path("errorCode").asText()).isIn("VALIDATION_ERROR", "MAPPING_ERROR");
    assertThat(preview.path("recordHash").isNull()).isTrue();
    Map<String, JsonNode> byField =
        Map.of(
            "name", problemOf(preview, "name"),
            "installDate", problemOf(preview, "installDate"),
            "status", problemOf(preview, "status"));
    assertThat(preview.path("problems")).hasSize(3);
    assertThat(byField.get("name").path("code").asText()).isEqualTo("VALIDATION_ERROR");
    assertThat(byField.get("name").path("erpField").asText()).isEqualTo("EquipmentName");
    assertThat(byField.get("installDate").path("code").asText()).isEqualTo("VALIDATION_ERROR");
    assertThat(byField.get("installDate").path("value").asText()).isEqualTo("\"13.04.2017\"");
    assertThat(byField.get("installDate").path("expected").asText()).contains("/Date(");
    assertThat(byField.get("installDate").path("message").asText())
        .contains("installDate", "ConstructionDate", "13.04.2017", "10000045");
    assertThat(byField.get("status").path("code").asText()).isEqualTo("MAPPING_ERROR");
    assertThat(byField.get("status").path("message").asText()).contains("XXXX");
    // the fields that converted are there to see
    assertThat(preview.path("record").path("serialNumber").asText()).isEqualTo("10000045");
    assertThat(preview.path("record").path("specifications").path("ratedPowerKw").asDouble())
        .isEqualTo(7.5);
  }

  @Test
  void listsReferencesOnlyASyncCanTranslate() throws Exception {
    long id = create(connection, EQUIPMENT);
    ObjectNode withLocation = (ObjectNode) json.readTree(PUMP);
    withLocation.put("FunctionalLocation", "1010-PUMPS");

    JsonNode preview = preview(id, "INBOUND", withLocation.toString(), 200);

    assertThat(preview.path("problems")).isEmpty();
    assertThat(preview.path("errorCode").isNull()).isTrue();
    assertThat(preview.path("unresolvedReferences"))
        .containsExactly(
            json.readTree(
                """
                {"tgmField": "locationId", "erpField": "FunctionalLocation",
                 "referenceEntity": "LOCATION", "value": "\\"1010-PUMPS\\""}
                """));
    assertThat(preview.path("record").has("locationId")).isFalse();
    assertThat(preview.path("recordHash").isNull()).isTrue();
  }

  @Test
  void writesNothing() throws Exception {
    try (TopicProbe published = TopicProbe.open(TestInfrastructure.kafka(), Topics.MAPPINGS)) {
      long id = create(connection, EQUIPMENT);
      published.await(r -> String.valueOf(id).equals(r.key()), WAIT);
      long rows = mappingRows(dataSource);

      preview(id, "INBOUND", PUMP, 200);
      preview(id, "OUTBOUND", "{\"serialNumber\": \"1\", \"name\": \"x\"}", 200);
      preview(id, "INBOUND", "{\"Equipment\": 5}", 200);

      long marker = create(connection, COMPANY);
      published.await(r -> String.valueOf(marker).equals(r.key()), WAIT);
      assertThat(published.drain(r -> String.valueOf(id).equals(r.key()), Duration.ofSeconds(2)))
          .as("erp.mappings records of the previewed mapping")
          .hasSize(1);
      assertThat(mappingRows(dataSource)).isEqualTo(rows + 1); // the marker only
      admin().get(mapping(id)).then().statusCode(200).body("version", equalTo(1));
    }
  }

  @Test
  void refusesASampleItCannotPreview() throws Exception {
    long id = create(connection, EQUIPMENT);
    long inboundOnly =
        create(
            connection,
            """
            {"tgmEntityType": "COMPANY", "erpEntityName": "BusinessPartner",
             "syncDirection": "INBOUND",
             "fieldMappings": [{"tgmField": "name", "erpField": "BusinessPartnerFullName",
                                "isKeyField": true}]}
            """);

    assertInvalid(id, "{\"record\": {}}", "direction");
    assertInvalid(id, "{\"direction\": \"SIDEWAYS\", \"record\": {}}", "direction");
    assertInvalid(id, "{\"direction\": \"INBOUND\"}", "record");
    assertInvalid(id, "{\"direction\": \"INBOUND\", \"record\": [1, 2]}", "record");
    assertInvalid(id, "{\"direction\": \"OUTBOUND\", \"record\": \"10000045\"}", "record");
    assertInvalid(id, "", "body");
    assertInvalid(inboundOnly, "{\"direction\": \"OUTBOUND\", \"record\": {}}", "direction");
    admin()
        .body("{\"direction\": \"INBOUND\", \"record\": {}}")
        .post(mapping(987_654_321L) + "/preview")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  private void assertInvalid(long id, String body, String field) {
    Response response = admin().body(body).post(mapping(id) + "/preview");
    assertThat(response.statusCode()).as(body).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    List<String> fields = response.jsonPath().getList("errors.field", String.class);
    assertThat(fields).as(body).contains(field);
  }

  private JsonNode preview(long id, String direction, String record, int status) throws Exception {
    String body = "{\"direction\": \"" + direction + "\", \"record\": " + record + "}";
    Response response = admin().body(body).post(mapping(id) + "/preview");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
    return json.readTree(response.asString());
  }

  private static JsonNode problemOf(JsonNode preview, String tgmField) {
    for (JsonNode problem : preview.path("problems")) {
      if (tgmField.equals(problem.path("tgmField").asText())) {
        return problem;
      }
    }
    throw new AssertionError("no problem for " + tgmField + " in " + preview);
  }
}
