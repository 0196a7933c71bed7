package com.tgm.erpsync.mapping;

import static com.tgm.erpsync.mapping.Mappings.COMPANY;
import static com.tgm.erpsync.mapping.Mappings.GUIDE_STEP_2;
import static com.tgm.erpsync.mapping.Mappings.admin;
import static com.tgm.erpsync.mapping.Mappings.connectionExists;
import static com.tgm.erpsync.mapping.Mappings.connectionMappings;
import static com.tgm.erpsync.mapping.Mappings.create;
import static com.tgm.erpsync.mapping.Mappings.freshConnectionId;
import static com.tgm.erpsync.mapping.Mappings.mapping;
import static com.tgm.erpsync.mapping.Mappings.mappingRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.tgm.erpsync.mapping.messaging.ConnectionTable;
import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class MappingApiTest {

  @Inject ConnectionTable table;
  @Inject AgroalDataSource dataSource;

  @Test
  void createsTheGuidesStepTwoMappingAsWritten() throws Exception {
    connectionExists(table, 1);

    ExtractableResponse<Response> created =
        admin()
            .body(GUIDE_STEP_2)
            .post("/api/admin/erp/connections/1/mappings")
            .then()
            .statusCode(201)
            .body("connectionId", equalTo(1))
            .body("tgmEntityType", equalTo("UNIT"))
            .body("erpEntityName", equalTo("Equipment"))
            .body("syncEnabled", equalTo(true))
            .body("syncDirection", equalTo("BIDIRECTIONAL"))
            .body("conflictResolution", equalTo("ERP_WINS"))
            .body("batchSize", equalTo(100))
            .body("fieldMappings.tgmField", contains("name", "serialNumber", "manufacturer"))
            .body(
                "fieldMappings.erpField",
                contains("Description", "SerialNumber", "ManufacturerName"))
            .body("fieldMappings.fieldType", contains("STRING", "STRING", "STRING"))
            .body("fieldMappings.syncDirection", contains("BIDIRECTIONAL", "INBOUND", "INBOUND"))
            .body("fieldMappings.required", contains(true, false, false))
            .body("fieldMappings.isKeyField", contains(false, true, false))
            .body("version", equalTo(1))
            .extract();
    long id = created.jsonPath().getLong("id");
    assertThat(created.header("Location")).endsWith("/api/admin/erp/mappings/" + id);
    // the guide's form: UTC to the second, seconds written even when zero
    assertThat(created.jsonPath().getString("createdAt"))
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
    assertThat(created.jsonPath().getString("updatedAt"))
        .isEqualTo(created.jsonPath().getString("createdAt"));

    String stored = admin().get(mapping(id)).then().statusCode(200).extract().asString();
    assertThat(JsonPath.from(stored).getMap("")).isEqualTo(created.jsonPath().getMap(""));
    admin()
        .get("/api/admin/erp/connections/1/mappings")
        .then()
        .statusCode(200)
        .body("id", contains((int) id));
  }

  @Test
  void listsAConnectionsMappingsOldestFirst() throws Exception {
    long connection = connectionExists(table, freshConnectionId());
    long unit = create(connection, GUIDE_STEP_2);
    long company = create(connection, COMPANY);
    long elsewhere = create(connectionExists(table, freshConnectionId()), COMPANY);

    admin()
        .get(connectionMappings(connection))
        .then()
        .statusCode(200)
        .body("id", contains((int) unit, (int) company))
        .body("tgmEntityType", contains("UNIT", "COMPANY"));
    assertThat(elsewhere).isNotIn(unit, company);
  }

  @Test
  void appliesTheDefaultsTheGuideLeavesOut() throws Exception {
    long connection = connectionExists(table, freshConnectionId());

    admin()
        .body(COMPANY)
        .post(connectionMappings(connection))
        .then()
        .statusCode(201)
        .body("syncEnabled", equalTo(true))
        .body("syncDirection", equalTo("BIDIRECTIONAL"))
        .body("conflictResolution", equalTo("ERP_WINS"))
        .body("batchSize", equalTo(100))
        .body("deltaField", nullValue())
        .body("filter", nullValue())
        .body("fieldMappings[0].fieldType", equalTo("STRING"))
        .body("fieldMappings[0].syncDirection", equalTo("BIDIRECTIONAL"))
        .body("fieldMappings[0].required", equalTo(false))
        .body("fieldMappings[0].isKeyField", equalTo(true));
  }

  @Test
  void letsTgmWinByDefaultOnAMappingThatOnlySendsTgmData() throws Exception {
    long connection = connectionExists(table, freshConnectionId());

    admin()
        .body(
            COMPANY.replace(
                "\"BusinessPartner\",", "\"BusinessPartner\", \"syncDirection\": \"OUTBOUND\","))
        .post(connectionMappings(connection))
        .then()
        .statusCode(201)
        .body("syncDirection", equalTo("OUTBOUND"))
        .body("conflictResolution", equalTo("TGM_WINS"))
        .body("fieldMappings[0].syncDirection", equalTo("OUTBOUND"));
  }

  @Test
  void storesCompositeKeysValueMapsFormatsAndReferences() throws Exception {
    long connection = connectionExists(table, freshConnectionId());
    String body =
        """
        {"tgmEntityType": "WORK_ORDER", "erpEntityName": "MaintenanceOrder",
         "syncDirection": "BIDIRECTIONAL", "conflictResolution": "MERGE", "batchSize": 250,
         "deltaField": "LastChangeDateTime", "filter": "MaintenanceOrderType eq 'PM01'",
         "syncEnabled": false,
         "fieldMappings": [
          {"tgmField": "number", "erpField": "MaintenanceOrder", "isKeyField": true,
           "required": true},
          {"tgmField": "title", "erpField": "OrderType", "isKeyField": true},
          {"tgmField": "priority", "erpField": "Priority", "fieldType": "ENUM",
           "valueMap": {"LOW": "4", "MEDIUM": "3", "HIGH": "2", "CRITICAL": "1"},
           "defaultValue": "MEDIUM"},
          {"tgmField": "scheduledStart", "erpField": "BasicStartDate", "fieldType": "DATETIME",
           "format": "yyyy-MM-dd'T'HH:mm:ss@Europe/Berlin"},
          {"tgmField": "estimatedHours", "erpField": "PlannedWork", "fieldType": "DECIMAL",
           "format": "STRING", "defaultValue": "0"},
          {"tgmField": "unitId", "erpField": "Equipment", "fieldType": "REFERENCE",
           "referenceEntity": "UNIT", "syncDirection": "INBOUND"}]}
        """;

    long id = create(connection, body);

    JsonPath stored = admin().get(mapping(id)).then().statusCode(200).extract().jsonPath();
    assertThat(stored.getString("tgmEntityType")).isEqualTo("WORK_ORDER");
    assertThat(stored.getString("conflictResolution")).isEqualTo("MERGE");
    assertThat(stored.getInt("batchSize")).isEqualTo(250);
    assertThat(stored.getBoolean("syncEnabled")).isFalse();
    assertThat(stored.getString("deltaField")).isEqualTo("LastChangeDateTime");
    assertThat(stored.getString("filter")).isEqualTo("MaintenanceOrderType eq 'PM01'");
    assertThat(stored.getList("fieldMappings.isKeyField", Boolean.class))
        .containsExactly(true, true, false, false, false, false);
    assertThat(stored.getMap("fieldMappings[2].valueMap"))
        .isEqualTo(Map.of("LOW", "4", "MEDIUM", "3", "HIGH", "2", "CRITICAL", "1"));
    assertThat(stored.getString("fieldMappings[2].defaultValue")).isEqualTo("MEDIUM");
    assertThat(stored.getString("fieldMappings[3].format"))
        .isEqualTo("yyyy-MM-dd'T'HH:mm:ss@Europe/Berlin");
    assertThat(stored.getString("fieldMappings[4].format")).isEqualTo("STRING");
    assertThat(stored.getString("fieldMappings[4].defaultValue")).isEqualTo("0");
    assertThat(stored.getString("fieldMappings[5].fieldType")).isEqualTo("REFERENCE");
    assertThat(stored.getString("fieldMappings[5].referenceEntity")).isEqualTo("UNIT");
    assertThat(stored.getString("fieldMappings[5].syncDirection")).isEqualTo("INBOUND");
  }

  @Test
  void updatesTheFieldsItNamesAndMakesANewVersion() throws Exception {
    long id = create(connectionExists(table, freshConnectionId()), GUIDE_STEP_2);

    JsonPath updated =
        admin()
            .body("{\"batchSize\": 500, \"erpEntityName\": \"FixedAsset\"}")
            .put(mapping(id))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(updated.getInt("version")).isEqualTo(2);
    assertThat(updated.getInt("batchSize")).isEqualTo(500);
    assertThat(updated.getString("erpEntityName")).isEqualTo("FixedAsset");
    assertThat(updated.getString("conflictResolution")).isEqualTo("ERP_WINS");
    assertThat(updated.getList("fieldMappings.tgmField"))
        .containsExactly("name", "serialNumber", "manufacturer");
    assertThat(LocalDateTime.parse(updated.getString("updatedAt")))
        .isAfterOrEqualTo(LocalDateTime.parse(updated.getString("createdAt")));
    admin().get(mapping(id)).then().body("version", equalTo(2)).body("batchSize", equalTo(500));
  }

  @Test
  void replacesTheFieldMappingsWhenAnUpdateGivesThem() throws Exception {
    long id = create(connectionExists(table, freshConnectionId()), GUIDE_STEP_2);

    admin()
        .body(
            """
            {"fieldMappings": [
              {"tgmField": "serialNumber", "erpField": "SerialNumber", "isKeyField": true},
              {"tgmField": "model", "erpField": "ModelNumber", "syncDirection": "OUTBOUND"}]}
            """)
        .put(mapping(id))
        .then()
        .statusCode(200)
        .body("version", equalTo(2))
        .body("fieldMappings.tgmField", contains("serialNumber", "model"))
        .body("fieldMappings.syncDirection", contains("BIDIRECTIONAL", "OUTBOUND"));
  }

  @Test
  void keepsTheVersionWhenAnUpdateChangesNothing() throws Exception {
    long id = create(connectionExists(table, freshConnectionId()), GUIDE_STEP_2);

    admin().body(GUIDE_STEP_2).put(mapping(id)).then().statusCode(200).body("version", equalTo(1));
    admin().body("{}").put(mapping(id)).then().statusCode(200).body("version", equalTo(1));
  }

  @Test
  void deletesAMapping() throws Exception {
    long connection = connectionExists(table, freshConnectionId());
    long id = create(connection, GUIDE_STEP_2);

    admin().delete(mapping(id)).then().statusCode(204);

    admin()
        .get(mapping(id))
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("Mapping " + id + " does not exist"));
    admin().get(connectionMappings(connection)).then().statusCode(200).body("size()", equalTo(0));
    admin().delete(mapping(id)).then().statusCode(404);
  }

  @Test
  void refusesASecondMappingOfTheSameEntityOnAConnection() throws Exception {
    long connection = connectionExists(table, freshConnectionId());
    create(connection, GUIDE_STEP_2);
    long before = mappingRows(dataSource);

    admin()
        .body(GUIDE_STEP_2.replace("Equipment", "FixedAsset"))
        .post(connectionMappings(connection))
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("errors.field", contains("tgmEntityType"));

    assertThat(mappingRows(dataSource)).isEqualTo(before);
    create(connectionExists(table, freshConnectionId()), GUIDE_STEP_2); // another connection may
  }

  @Test
  void createsOneMappingOfAnEntityWhenAdminsRaceForIt() throws Exception {
    long connection = connectionExists(table, freshConnectionId());
    ExecutorService admins = Executors.newFixedThreadPool(6);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        answers.add(
            admins.submit(
                () ->
                    admin().body(GUIDE_STEP_2).post(connectionMappings(connection)).statusCode()));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> answer : answers) {
        statuses.add(answer.get(30, TimeUnit.SECONDS));
      }

      assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
    } finally {
      admins.shutdownNow();
    }
    admin().get(connectionMappings(connection)).then().body("size()", equalTo(1));
  }

  @Test
  void refusesAnUpdateThatWouldMapAnEntityTwice() throws Exception {
    long connection = connectionExists(table, freshConnectionId());
    create(connection, GUIDE_STEP_2);
    long company = create(connection, COMPANY);

    admin()
        .body(GUIDE_STEP_2)
        .put(mapping(company))
        .then()
        .statusCode(409)
        .body("errors.field", contains("tgmEntityType"));

    admin().get(mapping(company)).then().body("tgmEntityType", equalTo("COMPANY"));
  }

  @Test
  void answersNotFoundForAConnectionThatDoesNotExist() throws Exception {
    long unknown = freshConnectionId();
    long before = mappingRows(dataSource);

    admin()
        .body(GUIDE_STEP_2)
        .post(connectionMappings(unknown))
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body(
            "detail",
            equalTo(
                "Connection "
                    + unknown
                    + " does not exist: create it first (POST /api/admin/erp/connections)"));
    admin().get(connectionMappings(unknown)).then().statusCode(404);

    assertThat(mappingRows(dataSource)).isEqualTo(before);
  }

  @Test
  void answersNotFoundForAMappingThatDoesNotExist() {
    admin().get(mapping(987_654)).then().statusCode(404).contentType("application/problem+json");
    admin().body(GUIDE_STEP_2).put(mapping(987_654)).then().statusCode(404);
    admin().delete(mapping(987_654)).then().statusCode(404);
  }

  @Test
  void waitsForTheSnapshotOfAConnectionCreatedAMomentAgo() throws Exception {
    long connection = freshConnectionId();

    // the snapshot arrives after the request, as it may from connection-service's outbox
    CompletableFuture<Void> snapshot =
        CompletableFuture.runAsync(
            () -> Mappings.send(connection, Mappings.snapshot(connection)),
            CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS));

    int status = admin().body(GUIDE_STEP_2).post(connectionMappings(connection)).statusCode();

    snapshot.get(30, TimeUnit.SECONDS);
    assertThat(status).isEqualTo(201);
  }
}
