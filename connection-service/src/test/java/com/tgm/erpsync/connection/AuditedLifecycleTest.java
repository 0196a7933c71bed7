package com.tgm.erpsync.connection;

import static com.tgm.erpsync.connection.ConnectionApiTest.CONNECTIONS;
import static com.tgm.erpsync.connection.ConnectionApiTest.GUIDE_STEP_1;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.tgm.erpsync.connection.edge.FakeDownstreamResource;
import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.AdminTokens;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every admin write on a connection leaves one audit entry, written in the transaction of the
 * change: who (the token's subject), what, which fields changed (secrets masked), and the outcome.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = FakeDownstreamResource.class)
class AuditedLifecycleTest {
  @Inject AgroalDataSource dataSource;

  @Test
  void recordsEveryWriteOfAConnectionsLifeWithItsChanges() throws Exception {
    String secret = "audit-" + UUID.randomUUID();
    String rotated = "audit2-" + UUID.randomUUID();
    long id =
        as("carol")
            .body(
                GUIDE_STEP_1
                    .replace("Production SAP", "Audited SAP")
                    .replace("your-client-secret", secret))
            .post(CONNECTIONS)
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    as("carol")
        .body(
            "{\"description\": \"moved to the new data centre\", \"clientSecret\": \""
                + rotated
                + "\"}")
        .put(CONNECTIONS + "/" + id)
        .then()
        .statusCode(200);
    as("carol")
        .body("{\"sapClient\": \"1000\"}")
        .put(CONNECTIONS + "/" + id)
        .then()
        .statusCode(400);
    as("dave")
        .body("{\"description\": \"moved to the new data centre\"}")
        .put(CONNECTIONS + "/" + id)
        .then()
        .statusCode(200);
    as("dave").post(CONNECTIONS + "/" + id + "/disable").then().statusCode(200);
    as("dave")
        .post(CONNECTIONS + "/" + id + "/schedule/enable?intervalMinutes=15")
        .then()
        .statusCode(200);
    as("dave").get(CONNECTIONS + "/" + id + "/webhook-secret").then().statusCode(200);
    as("dave").delete(CONNECTIONS + "/" + id).then().statusCode(204);

    JsonPath audit =
        as("erin")
            .get("/api/admin/erp/audit?connectionId=" + id + "&size=50")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    // newest first
    assertThat(audit.getList("content.action"))
        .containsExactly(
            "connection.delete",
            "webhook-secret.read",
            "schedule.enable",
            "connection.disable",
            "connection.update",
            "connection.update",
            "connection.update",
            "connection.create");
    assertThat(audit.getList("content.outcome"))
        .containsExactly(
            "SUCCESS",
            "SUCCESS",
            "SUCCESS",
            "SUCCESS",
            "SUCCESS",
            "REJECTED",
            "SUCCESS",
            "SUCCESS");
    assertThat(audit.getList("content.status", Integer.class))
        .containsExactly(204, 200, 200, 200, 200, 400, 200, 201);
    assertThat(audit.getList("content.actor"))
        .containsExactly("dave", "dave", "dave", "dave", "dave", "carol", "carol", "carol");

    Map<String, Object> update = audit.getMap("content[6].changes");
    assertThat(update).containsOnlyKeys("clientSecret", "description");
    assertThat(audit.getString("content[6].changes.clientSecret.from")).isEqualTo("********");
    assertThat(audit.getString("content[6].changes.clientSecret.to")).isEqualTo("********");
    assertThat(audit.getString("content[6].changes.description.to"))
        .isEqualTo("moved to the new data centre");
    assertThat(audit.getMap("content[4].changes")).isEmpty(); // the same value again
    assertThat(audit.getMap("content[3].changes")).containsOnlyKeys("enabled");
    assertThat(audit.getMap("content[2].changes")).containsOnlyKeys("syncIntervalMinutes");
    assertThat(audit.getString("content[0].changes.name.from")).isEqualTo("Audited SAP");
    assertThat(audit.getString("content[5].detail")).contains("sapClient");

    // no secret anywhere in the stored entries
    assertThat(rawEntries(id))
        .hasSize(8)
        .allSatisfy(row -> assertThat(row).doesNotContain(secret, rotated));
  }

  @Test
  void recordsNothingAsDoneWhenTheChangeIsRolledBack() throws Exception {
    // a duplicate name is refused inside the transaction: the change and a SUCCESS entry go
    // together
    long first =
        as("carol")
            .body(GUIDE_STEP_1.replace("Production SAP", "Unique SAP"))
            .post(CONNECTIONS)
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    long second =
        as("carol")
            .body(GUIDE_STEP_1.replace("Production SAP", "Other SAP"))
            .post(CONNECTIONS)
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    as("carol")
        .body("{\"name\": \"Unique SAP\"}")
        .put(CONNECTIONS + "/" + second)
        .then()
        .statusCode(400);

    List<String> rows = rawEntries(second);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(1)).contains("\"outcome\":\"REJECTED\"").contains("\"status\":400");
    assertThat(rawEntries(first)).hasSize(1);
  }

  private List<String> rawEntries(long connectionId) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT row_to_json(a)::text FROM audit_entry a WHERE connection_id = ? ORDER"
                    + " BY id")) {
      query.setLong(1, connectionId);
      try (ResultSet rows = query.executeQuery()) {
        List<String> found = new java.util.ArrayList<>();
        while (rows.next()) {
          found.add(rows.getString(1));
        }
        return found;
      }
    }
  }

  private static RequestSpecification as(String subject) {
    return given().auth().oauth2(AdminTokens.admin(subject)).contentType("application/json");
  }
}
