package com.tgm.erpsync.connection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.AdminTokens;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class ReferenceDataTest {

  @Test
  void listsTheElevenErpTypesWithTheGuidesAuthTypes() {
    JsonPath types = get("/api/admin/erp/supported-erp-types");

    assertThat(types.getList("erpType", String.class))
        .containsExactly(
            "SAP_S4HANA",
            "SAP_ECC",
            "SAP_BUSINESS_ONE",
            "DYNAMICS_365_FO",
            "DYNAMICS_365_BC",
            "DYNAMICS_NAV",
            "DYNAMICS_AX",
            "ORACLE_CLOUD",
            "ORACLE_EBS",
            "ORACLE_NETSUITE",
            "ORACLE_JDE");
    assertThat(authTypes(types, "SAP_S4HANA")).containsExactly("OAUTH2", "BASIC");
    assertThat(authTypes(types, "SAP_ECC")).containsExactly("BASIC", "CERTIFICATE");
    assertThat(authTypes(types, "SAP_BUSINESS_ONE")).containsExactlyInAnyOrder("API_KEY", "BASIC");
    assertThat(authTypes(types, "DYNAMICS_NAV")).containsExactly("BASIC", "NTLM");
    assertThat(authTypes(types, "ORACLE_CLOUD")).containsExactlyInAnyOrder("OAUTH2", "OCI");
    assertThat(authTypes(types, "ORACLE_NETSUITE"))
        .containsExactlyInAnyOrder("TOKEN_BASED", "OAUTH2");
    assertThat(types.getString("find { it.erpType == 'SAP_S4HANA' }.name"))
        .isEqualTo("SAP S/4HANA");
    assertThat(types.getString("find { it.erpType == 'SAP_S4HANA' }.description"))
        .isEqualTo("Latest SAP ERP suite");
    assertThat(types.getString("find { it.erpType == 'DYNAMICS_AX' }.vendor"))
        .isEqualTo("Microsoft");
    assertThat(types.getList("find { it.erpType == 'DYNAMICS_365_BC' }.erpSpecificFields"))
        .contains("dynamicsTenantId", "dynamicsEnvironment", "dynamicsCompanyId");
  }

  @Test
  void listsTheTenSyncableEntitiesWithTheirFields() {
    JsonPath entities = get("/api/admin/erp/syncable-entities");

    assertThat(entities.getList("entityType", String.class))
        .containsExactly(
            "COMPANY",
            "LOCATION",
            "UNIT",
            "COMPONENT",
            "USER",
            "WORK_ORDER",
            "INSPECTION",
            "FAILURE",
            "INVENTORY",
            "INVOICE");
    assertThat(entities.getString("find { it.entityType == 'UNIT' }.typicalErpMapping"))
        .isEqualTo("Equipment, Fixed Asset");
    List<Map<String, Object>> unitFields =
        entities.getList("find { it.entityType == 'UNIT' }.fields");
    assertThat(unitFields)
        .extracting(f -> f.get("name"))
        .contains("name", "serialNumber", "manufacturer", "locationId");
    assertThat(unitFields)
        .filteredOn(f -> "locationId".equals(f.get("name")))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.get("fieldType")).isEqualTo("REFERENCE");
              assertThat(f.get("references")).isEqualTo("LOCATION");
            });
  }

  private static List<String> authTypes(JsonPath types, String erpType) {
    return types.getList("find { it.erpType == '" + erpType + "' }.authTypes", String.class);
  }

  private static JsonPath get(String path) {
    return given()
        .auth()
        .oauth2(AdminTokens.admin("alice"))
        .get(path)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
