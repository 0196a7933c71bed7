package com.tgm.erpsync.mapping;

import static com.tgm.erpsync.mapping.Mappings.COMPANY;
import static com.tgm.erpsync.mapping.Mappings.GUIDE_STEP_2;
import static com.tgm.erpsync.mapping.Mappings.WAIT;
import static com.tgm.erpsync.mapping.Mappings.admin;
import static com.tgm.erpsync.mapping.Mappings.connectionExists;
import static com.tgm.erpsync.mapping.Mappings.connectionMappings;
import static com.tgm.erpsync.mapping.Mappings.create;
import static com.tgm.erpsync.mapping.Mappings.freshConnectionId;
import static com.tgm.erpsync.mapping.Mappings.guideWithField;
import static com.tgm.erpsync.mapping.Mappings.mapping;
import static com.tgm.erpsync.mapping.Mappings.mappingRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule: a 400 problem naming the field, and nothing stored or published. */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class MappingValidationTest {
  private static final String WORK_ORDER_HOURS =
      """
      {"tgmEntityType": "WORK_ORDER", "erpEntityName": "MaintenanceOrder",
       "fieldMappings": [
        {"tgmField": "number", "erpField": "MaintenanceOrder", "isKeyField": true},
        {"tgmField": "estimatedHours", "erpField": "PlannedWork", "fieldType": "DECIMAL",
         "format": "STRING"}]}
      """;
  private static final String WORK_ORDER_PRIORITY =
      """
      {"tgmEntityType": "WORK_ORDER", "erpEntityName": "MaintenanceOrder",
       "fieldMappings": [
        {"tgmField": "number", "erpField": "MaintenanceOrder", "isKeyField": true},
        {"tgmField": "priority", "erpField": "MaintPriority", "fieldType": "ENUM",
         "format": "NUMBER", "valueMap": {"HIGH": "1", "MEDIUM": "2"},
         "defaultValue": "MEDIUM"}]}
      """;
  private static final String COMPONENT_QUANTITY =
      """
      {"tgmEntityType": "COMPONENT", "erpEntityName": "BillOfMaterialItem",
       "fieldMappings": [
        {"tgmField": "partNumber", "erpField": "Material", "isKeyField": true},
        {"tgmField": "quantity", "erpField": "BillOfMaterialItemQuantity", "defaultValue": "1"}]}
      """;

  @Inject ConnectionTable table;
  @Inject AgroalDataSource dataSource;

  private long connection;

  @BeforeEach
  void openConnection() throws Exception {
    connection = Mappings.connectionExists(table, freshConnectionId());
  }

  static Stream<Arguments> invalidBodies() {
    return Stream.of(
        // the TGM side, against the catalogue of GET /syncable-entities
        Arguments.of(
            "unknown TGM entity",
            GUIDE_STEP_2.replace("\"UNIT\"", "\"EQUIPMENT\""),
            "tgmEntityType"),
        Arguments.of(
            "missing TGM entity",
            GUIDE_STEP_2.replace("\"tgmEntityType\": \"UNIT\",", ""),
            "tgmEntityType"),
        Arguments.of(
            "unknown TGM field",
            GUIDE_STEP_2.replace("\"manufacturer\"", "\"maker\""),
            "fieldMappings[2].tgmField"),
        Arguments.of(
            "DATE field mapped as STRING",
            guideWithField(
                "{\"tgmField\": \"installDate\", \"erpField\": \"StartupDate\","
                    + " \"fieldType\": \"STRING\"}"),
            "fieldMappings[3].fieldType"),
        Arguments.of(
            "DATETIME field mapped as DATE",
            guideWithField(
                "{\"tgmField\": \"updatedAt\", \"erpField\": \"LastChangeDate\","
                    + " \"fieldType\": \"DATE\", \"syncDirection\": \"OUTBOUND\"}"),
            "fieldMappings[3].fieldType"),
        Arguments.of(
            "ENUM field mapped as STRING",
            guideWithField(
                "{\"tgmField\": \"status\", \"erpField\": \"SystemStatus\","
                    + " \"fieldType\": \"STRING\"}"),
            "fieldMappings[3].fieldType"),
        Arguments.of(
            "read-only id written inbound",
            guideWithField(
                "{\"tgmField\": \"id\", \"erpField\": \"TgmId\", \"syncDirection\": \"INBOUND\"}"),
            "fieldMappings[3].tgmField"),
        Arguments.of(
            "read-only updatedAt both ways by default",
            guideWithField("{\"tgmField\": \"updatedAt\", \"erpField\": \"LastChangeDateTime\"}"),
            "fieldMappings[3].tgmField"),
        // keys and duplicates
        Arguments.of(
            "no key field",
            GUIDE_STEP_2.replace("\"isKeyField\": true", "\"isKeyField\": false"),
            "fieldMappings"),
        Arguments.of(
            "no field mappings",
            "{\"tgmEntityType\": \"UNIT\", \"erpEntityName\": \"Equipment\", \"fieldMappings\":"
                + " []}",
            "fieldMappings"),
        Arguments.of("a null field mapping", guideWithField("null"), "fieldMappings[3]"),
        Arguments.of(
            "the same TGM field twice",
            guideWithField(
                "{\"tgmField\": \"name\", \"erpField\": \"TechnicalObjectLabel\","
                    + " \"syncDirection\": \"OUTBOUND\"}"),
            "fieldMappings[3].tgmField"),
        Arguments.of(
            "the same ERP field twice",
            guideWithField("{\"tgmField\": \"model\", \"erpField\": \"SerialNumber\"}"),
            "fieldMappings[3].erpField"),
        // ENUM value maps
        Arguments.of(
            "ENUM without valueMap",
            guideWithField(
                "{\"tgmField\": \"status\", \"erpField\": \"SystemStatus\", \"fieldType\":"
                    + " \"ENUM\"}"),
            "fieldMappings[3].valueMap"),
        Arguments.of(
            "valueMap with a value TGM does not have",
            guideWithField(
                "{\"tgmField\": \"status\", \"erpField\": \"SystemStatus\", \"fieldType\":"
                    + " \"ENUM\", \"valueMap\": {\"ACTIVE\": \"AVLB\", \"BROKEN\": \"DEFC\"}}"),
            "fieldMappings[3].valueMap.BROKEN"),
        Arguments.of(
            "valueMap read inbound with two TGM values on one ERP value",
            guideWithField(
                "{\"tgmField\": \"status\", \"erpField\": \"SystemStatus\", \"fieldType\":"
                    + " \"ENUM\", \"valueMap\": {\"ACTIVE\": \"AVLB\", \"IN_REPAIR\": \"AVLB\"}}"),
            "fieldMappings[3].valueMap.IN_REPAIR"),
        Arguments.of(
            "valueMap without an ERP value",
            guideWithField(
                "{\"tgmField\": \"status\", \"erpField\": \"SystemStatus\", \"fieldType\":"
                    + " \"ENUM\", \"valueMap\": {\"ACTIVE\": \"\"}}"),
            "fieldMappings[3].valueMap.ACTIVE"),
        Arguments.of(
            "valueMap on a STRING field",
            guideWithField(
                "{\"tgmField\": \"model\", \"erpField\": \"ModelNumber\","
                    + " \"valueMap\": {\"X\": \"Y\"}}"),
            "fieldMappings[3].valueMap"),
        // directions
        Arguments.of(
            "INBOUND field in an OUTBOUND mapping",
            GUIDE_STEP_2
                .replaceFirst("\"BIDIRECTIONAL\"", "\"OUTBOUND\"")
                .replace("ERP_WINS", "TGM_WINS"),
            "fieldMappings[1].syncDirection"),
        Arguments.of(
            "OUTBOUND field in an INBOUND mapping",
            guideWithField(
                    "{\"tgmField\": \"model\", \"erpField\": \"ModelNumber\","
                        + " \"syncDirection\": \"OUTBOUND\"}")
                .replaceFirst("\"BIDIRECTIONAL\"", "\"INBOUND\""),
            "fieldMappings[3].syncDirection"),
        // references
        Arguments.of(
            "REFERENCE without referenceEntity",
            guideWithField(
                "{\"tgmField\": \"locationId\", \"erpField\": \"MaintenancePlant\","
                    + " \"fieldType\": \"REFERENCE\"}"),
            "fieldMappings[3].referenceEntity"),
        Arguments.of(
            "REFERENCE to another entity than the catalogue's",
            guideWithField(
                "{\"tgmField\": \"locationId\", \"erpField\": \"MaintenancePlant\","
                    + " \"fieldType\": \"REFERENCE\", \"referenceEntity\": \"COMPANY\"}"),
            "fieldMappings[3].referenceEntity"),
        Arguments.of(
            "REFERENCE to an unknown entity",
            guideWithField(
                "{\"tgmField\": \"locationId\", \"erpField\": \"MaintenancePlant\","
                    + " \"fieldType\": \"REFERENCE\", \"referenceEntity\": \"PLANT\"}"),
            "fieldMappings[3].referenceEntity"),
        Arguments.of(
            "referenceEntity on a STRING field",
            guideWithField(
                "{\"tgmField\": \"model\", \"erpField\": \"ModelNumber\","
                    + " \"referenceEntity\": \"LOCATION\"}"),
            "fieldMappings[3].referenceEntity"),
        // formats and defaults
        Arguments.of(
            "format on a STRING field",
            guideWithField(
                "{\"tgmField\": \"model\", \"erpField\": \"ModelNumber\", \"format\": \"yyyy\"}"),
            "fieldMappings[3].format"),
        Arguments.of(
            "unparseable DATE format",
            guideWithField(
                "{\"tgmField\": \"installDate\", \"erpField\": \"StartupDate\","
                    + " \"fieldType\": \"DATE\", \"format\": \"yyyy-bb\"}"),
            "fieldMappings[3].format"),
        Arguments.of(
            "DATE format with an open quote",
            guideWithField(
                "{\"tgmField\": \"installDate\", \"erpField\": \"StartupDate\","
                    + " \"fieldType\": \"DATE\", \"format\": \"yyyy-MM-dd'T\"}"),
            "fieldMappings[3].format"),
        Arguments.of(
            "unparseable DECIMAL format",
            WORK_ORDER_HOURS.replace("STRING", "0.0.0"),
            "fieldMappings[1].format"),
        Arguments.of(
            "DECIMAL format the engine cannot apply: a locale pattern",
            WORK_ORDER_HOURS.replace("STRING", "#,##0.00"),
            "fieldMappings[1].format"),
        Arguments.of(
            "format with an unknown time zone",
            guideWithField(
                "{\"tgmField\": \"installDate\", \"erpField\": \"StartupDate\","
                    + " \"fieldType\": \"DATE\", \"format\": \"ODATA_V2@Europe/Nowhere\"}"),
            "fieldMappings[3].format"),
        Arguments.of(
            "erpField that is no path",
            guideWithField("{\"tgmField\": \"model\", \"erpField\": \"to_Model..Number\"}"),
            "fieldMappings[3].erpField"),
        Arguments.of(
            "ENUM value map with a non-number under format NUMBER",
            WORK_ORDER_PRIORITY.replace("\"2\"", "\"two\""),
            "fieldMappings[1].valueMap"),
        Arguments.of(
            "ENUM default that is not in the value map",
            WORK_ORDER_PRIORITY.replace(
                "\"defaultValue\": \"MEDIUM\"", "\"defaultValue\": \"LOW\""),
            "fieldMappings[1].defaultValue"),
        Arguments.of(
            "DATE default that is no date",
            guideWithField(
                "{\"tgmField\": \"installDate\", \"erpField\": \"StartupDate\","
                    + " \"fieldType\": \"DATE\", \"defaultValue\": \"someday\"}"),
            "fieldMappings[3].defaultValue"),
        Arguments.of(
            "INTEGER default that is no number",
            COMPONENT_QUANTITY.replace("\"defaultValue\": \"1\"", "\"defaultValue\": \"one\""),
            "fieldMappings[1].defaultValue"),
        // the mapping itself
        Arguments.of(
            "batchSize 0",
            GUIDE_STEP_2.replace("\"batchSize\": 100", "\"batchSize\": 0"),
            "batchSize"),
        Arguments.of(
            "batchSize 1001",
            GUIDE_STEP_2.replace("\"batchSize\": 100", "\"batchSize\": 1001"),
            "batchSize"),
        Arguments.of(
            "MERGE on an INBOUND mapping",
            GUIDE_STEP_2
                .replaceFirst("\"BIDIRECTIONAL\"", "\"INBOUND\"")
                .replace("ERP_WINS", "MERGE"),
            "conflictResolution"),
        Arguments.of(
            "MANUAL on an OUTBOUND mapping",
            COMPANY.replace(
                "\"BusinessPartner\",",
                "\"BusinessPartner\", \"syncDirection\": \"OUTBOUND\","
                    + " \"conflictResolution\": \"MANUAL\","),
            "conflictResolution"),
        Arguments.of(
            "blank erpEntityName",
            GUIDE_STEP_2.replace("\"Equipment\"", "\"  \""),
            "erpEntityName"),
        Arguments.of(
            "missing erpEntityName",
            GUIDE_STEP_2.replace("\"erpEntityName\": \"Equipment\",", ""),
            "erpEntityName"),
        Arguments.of(
            "erpEntityName too long",
            GUIDE_STEP_2.replace("\"Equipment\"", "\"" + "E".repeat(201) + "\""),
            "erpEntityName"),
        Arguments.of(
            "blank erpField",
            GUIDE_STEP_2.replace("\"ManufacturerName\"", "\"\""),
            "fieldMappings[2].erpField"),
        // enum values the API does not know, named like any other problem
        Arguments.of(
            "unknown syncDirection",
            GUIDE_STEP_2.replaceFirst("\"BIDIRECTIONAL\"", "\"SIDEWAYS\""),
            "syncDirection"),
        Arguments.of(
            "unknown conflictResolution",
            GUIDE_STEP_2.replace("ERP_WINS", "ERP_FIRST"),
            "conflictResolution"),
        Arguments.of(
            "unknown fieldType",
            GUIDE_STEP_2.replaceFirst("\"STRING\"", "\"TEXT\""),
            "fieldMappings[0].fieldType"),
        Arguments.of(
            "unknown field syncDirection",
            guideWithField(
                "{\"tgmField\": \"model\", \"erpField\": \"ModelNumber\","
                    + " \"syncDirection\": \"UPWARDS\"}"),
            "fieldMappings[3].syncDirection"),
        // bodies Jackson cannot read
        Arguments.of(
            "wrong JSON type",
            GUIDE_STEP_2.replace("\"batchSize\": 100", "\"batchSize\": \"lots\""),
            "batchSize"),
        Arguments.of(
            "wrong JSON type in a field mapping",
            GUIDE_STEP_2.replace("\"required\": true", "\"required\": \"maybe\""),
            "fieldMappings[0].required"),
        Arguments.of("not JSON", "{\"tgmEntityType\": ", "body"),
        Arguments.of("no body", "", "body"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidBodies")
  void rejectsInvalidInputNamingTheFieldAndStoresNothing(String rule, String body, String field)
      throws Exception {
    long before = mappingRows(dataSource);

    Response response = admin().body(body).post(connectionMappings(connection));

    assertThat(response.statusCode()).as(rule).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    List<Map<String, String>> errors = response.jsonPath().getList("errors");
    assertThat(errors).as(rule).extracting(e -> e.get("field")).contains(field);
    assertThat(response.asString()).doesNotContain("Exception", "com.tgm", "jackson");
    assertThat(mappingRows(dataSource)).isEqualTo(before);
  }

  /** What the mapping engine runs, the service stores: the formats of SAP's OData V2 wire. */
  @Test
  void acceptsTheFormatsTheEngineRuns() {
    String body =
        """
        {"tgmEntityType": "LOCATION", "erpEntityName": "FunctionalLocation",
         "fieldMappings": [
          {"tgmField": "code", "erpField": "FunctionalLocation", "isKeyField": true},
          {"tgmField": "active", "erpField": "FunctionalLocationIsActive",
           "fieldType": "BOOLEAN", "format": "SAP", "defaultValue": "true"},
          {"tgmField": "latitude", "erpField": "to_Address.Latitude", "fieldType": "DECIMAL",
           "format": "STRING"},
          {"tgmField": "country", "erpField": "Country", "fieldType": "ENUM",
           "valueMap": {"Germany": "DE", "Austria": "AT"}}]}
        """;

    Mappings.create(connection, body);
  }

  @Test
  void reportsEveryProblemAtOnce() {
    String body =
        """
        {"tgmEntityType": "UNIT", "erpEntityName": "", "batchSize": 0,
         "syncDirection": "INBOUND", "conflictResolution": "MERGE",
         "fieldMappings": [
          {"tgmField": "colour", "erpField": "Colour"},
          {"tgmField": "status", "erpField": "SystemStatus", "fieldType": "ENUM"},
          {"tgmField": "installDate", "erpField": "", "fieldType": "DATETIME"}]}
        """;

    List<String> fields =
        admin()
            .body(body)
            .post(connectionMappings(connection))
            .then()
            .statusCode(400)
            .extract()
            .jsonPath()
            .getList("errors.field", String.class);

    assertThat(fields)
        .contains(
            "erpEntityName",
            "batchSize",
            "conflictResolution",
            "fieldMappings[0].tgmField",
            "fieldMappings[1].valueMap",
            "fieldMappings[2].erpField",
            "fieldMappings[2].fieldType",
            "fieldMappings");
  }

  @Test
  void explainsWhyAOneWayMappingCannotMerge() {
    String body =
        GUIDE_STEP_2.replaceFirst("\"BIDIRECTIONAL\"", "\"INBOUND\"").replace("ERP_WINS", "MERGE");

    admin()
        .body(body)
        .post(connectionMappings(connection))
        .then()
        .statusCode(400)
        .body(
            "errors.find { it.field == 'conflictResolution' }.message",
            equalTo(
                "MERGE needs a BIDIRECTIONAL mapping: a one-way (INBOUND) mapping never reads the"
                    + " target side's changes, so there is nothing to merge or to resolve by hand;"
                    + " use ERP_WINS, TGM_WINS or NEWEST_WINS"));
  }

  @Test
  void rejectsAnInvalidUpdateAndKeepsTheStoredVersion() throws Exception {
    long id = create(connection, GUIDE_STEP_2);

    admin()
        .body("{\"batchSize\": 5000, \"conflictResolution\": \"SOMETIMES\"}")
        .put(mapping(id))
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    // OUTBOUND now contradicts the stored INBOUND field mapping of serialNumber
    admin()
        .body("{\"syncDirection\": \"OUTBOUND\", \"conflictResolution\": \"TGM_WINS\"}")
        .put(mapping(id))
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("fieldMappings[1].syncDirection"));

    admin().body("").put(mapping(id)).then().statusCode(400).body("errors.field", hasItem("body"));

    admin()
        .get(mapping(id))
        .then()
        .body("version", equalTo(1))
        .body("batchSize", equalTo(100))
        .body("syncDirection", equalTo("BIDIRECTIONAL"));
  }

  @Test
  void publishesNothingForRejectedInput() throws Exception {
    try (TopicProbe published = TopicProbe.open(TestInfrastructure.kafka(), Topics.MAPPINGS)) {
      long before = create(connection, COMPANY);
      long first = published.await(r -> String.valueOf(before).equals(r.key()), WAIT).offset();
      invalidBodies()
          .forEach(
              args -> admin().body((String) args.get()[1]).post(connectionMappings(connection)));
      admin().body("{\"batchSize\": 0}").put(mapping(before)).then().statusCode(400);
      long after = create(connectionExists(table, freshConnectionId()), COMPANY);

      published.await(r -> String.valueOf(after).equals(r.key()), WAIT);
      // one partition, commit order: between the two markers there is nothing
      assertThat(
              published.drain(
                  r -> r.offset() > first && !String.valueOf(after).equals(r.key()),
                  Duration.ofSeconds(1)))
          .isEmpty();
    }
  }
}
