package com.tgm.erpsync.connection.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.AdminTokens;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionRequiredException;
import jakarta.transaction.TransactionalException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Admin writes through the real endpoints leave exactly one entry each, never with a secret. */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class AuditTrailTest {
  private static final String CONNECTIONS = "/api/admin/erp/connections";
  private static final String SECRET = "s3cr3t-value-xyz";
  private static final Set<String> WRITES = Set.of("post", "put", "delete", "patch");

  @Inject AgroalDataSource dataSource;
  @Inject ObjectMapper mapper;
  @Inject AuditTrail trail;

  @Test
  void recordsARejectedCreateWithTheCallersSubjectAndNoSecret() throws Exception {
    String subject = "auditor-" + UUID.randomUUID();
    given()
        .auth()
        .oauth2(AdminTokens.admin(subject))
        .contentType("application/json")
        .body(
            """
            {"name": "", "erpType": "SAP_S4HANA", "authType": "OAUTH2",
             "baseUrl": "https://sap.example.com", "clientId": "audit-client",
             "clientSecret": "%s", "connectionSettings": {"tokenSecret": "%s"}}
            """
                .formatted(SECRET, SECRET))
        .post(CONNECTIONS)
        .then()
        .statusCode(400);

    List<Map<String, Object>> entries = rows("actor = ?", subject);
    assertThat(entries).hasSize(1);
    Map<String, Object> entry = entries.get(0);
    assertThat(entry)
        .containsEntry("action", "connection.create")
        .containsEntry("outcome", "REJECTED")
        .containsEntry("status", 400L)
        .containsEntry("http_method", "POST")
        .containsEntry("path", CONNECTIONS)
        .containsEntry("connection_id", null);
    assertThat((String) entry.get("detail")).contains("Bad Request", "name");
    assertThat(allRowsAsText()).doesNotContain(SECRET);

    JsonPath listed =
        given()
            .auth()
            .oauth2(AdminTokens.admin("alice"))
            .queryParam("action", "connection.create")
            .get("/api/admin/erp/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(listed.getList("content.actor")).contains(subject);
    assertThat(listed.prettify()).doesNotContain(SECRET);
  }

  @Test
  void recordsAWriteWithoutTokenAsRejectedByAnonymousOnTheConnectionOfThePath() throws Exception {
    long connectionId = 900_000_000L + (long) (Math.random() * 1_000_000);
    given()
        .contentType("application/json")
        .post(CONNECTIONS + "/" + connectionId + "/enable")
        .then()
        .statusCode(401);

    List<Map<String, Object>> entries = rows("connection_id = ?", connectionId);
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0))
        .containsEntry("actor", "anonymous")
        .containsEntry("action", "connection.enable")
        .containsEntry("outcome", "REJECTED")
        .containsEntry("status", 401L)
        .containsEntry("path", CONNECTIONS + "/" + connectionId + "/enable");
  }

  @Test
  void neverTrustsTheSubjectOfARefusedToken() throws Exception {
    String subject = "mallory-" + UUID.randomUUID();
    long connectionId = 910_000_000L + (long) (Math.random() * 1_000_000);
    given()
        .auth()
        .oauth2(AdminTokens.signedByStranger(subject))
        .contentType("application/json")
        .post(CONNECTIONS + "/" + connectionId + "/disable")
        .then()
        .statusCode(401);

    assertThat(rows("actor = ?", subject)).isEmpty();
    assertThat(rows("connection_id = ?", connectionId))
        .singleElement()
        .satisfies(entry -> assertThat(entry).containsEntry("actor", "anonymous"));
  }

  @Test
  void recordsAWriteWithoutTheAdminRoleWithTheCallersSubject() throws Exception {
    String subject = "viewer-" + UUID.randomUUID();
    given()
        .auth()
        .oauth2(AdminTokens.withoutAdminRole(subject))
        .contentType("application/json")
        .body("{\"clientSecret\": \"" + SECRET + "\"}")
        .post(CONNECTIONS)
        .then()
        .statusCode(403);

    assertThat(rows("actor = ?", subject))
        .singleElement()
        .satisfies(
            entry ->
                assertThat(entry)
                    .containsEntry("action", "connection.create")
                    .containsEntry("outcome", "REJECTED")
                    .containsEntry("status", 403L));
    assertThat(allRowsAsText()).doesNotContain(SECRET);
  }

  @Test
  void recordsAnUpdateOfAnUnknownConnectionAsRejected() throws Exception {
    String subject = "auditor-" + UUID.randomUUID();
    long connectionId = 920_000_000L + (long) (Math.random() * 1_000_000);
    given()
        .auth()
        .oauth2(AdminTokens.admin(subject))
        .contentType("application/json")
        .body("{\"description\": \"changed\"}")
        .put(CONNECTIONS + "/" + connectionId)
        .then()
        .statusCode(404);

    assertThat(rows("actor = ?", subject))
        .singleElement()
        .satisfies(
            entry ->
                assertThat(entry)
                    .containsEntry("action", "connection.update")
                    .containsEntry("connection_id", connectionId)
                    .containsEntry("outcome", "REJECTED")
                    .containsEntry("status", 404L));
  }

  /** Enumerated from the OpenAPI document, so a new write endpoint cannot go unaudited. */
  @Test
  void recordsEveryAdminWriteEndpointWithItsAction() throws Exception {
    Map<String, Map<String, Object>> paths =
        given()
            .queryParam("format", "json")
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("paths");
    List<String[]> writes = new ArrayList<>();
    paths.forEach(
        (path, operations) -> {
          if (path.startsWith("/api/admin/erp")) {
            operations.keySet().stream()
                .filter(WRITES::contains)
                .forEach(
                    method -> writes.add(new String[] {method, path.replaceAll("\\{[^}]+}", "1")}));
          }
        });
    assertThat(writes).isNotEmpty();

    for (String[] write : writes) {
      String subject = "probe-" + UUID.randomUUID();
      given()
          .auth()
          .oauth2(AdminTokens.withoutAdminRole(subject))
          .contentType("application/json")
          .body("{}")
          .request(write[0], write[1])
          .then()
          .statusCode(403);

      List<Map<String, Object>> entries = rows("actor = ?", subject);
      assertThat(entries).as(write[0] + " " + write[1]).hasSize(1);
      assertThat(entries.get(0))
          .as(write[0] + " " + write[1])
          .containsEntry("http_method", write[0].toUpperCase())
          .containsEntry("path", write[1])
          .containsEntry("outcome", "REJECTED");
      assertThat((String) entries.get(0).get("action")).as(write[0] + " " + write[1]).isNotBlank();
    }
  }

  @Test
  void refusesToRecordOutsideATransaction() {
    assertThatThrownBy(() -> trail.recordInTransaction(1, Map.of()))
        .isInstanceOf(TransactionalException.class)
        .hasCauseInstanceOf(TransactionRequiredException.class);
  }

  @Test
  void writesNothingForAChangeOutsideAnAuditedEndpoint() throws Exception {
    long connectionId = 930_000_000L + (long) (Math.random() * 1_000_000);
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                trail.recordInTransaction(connectionId, Map.of("name", new AuditChange("A", "B"))));

    assertThat(rows("connection_id = ?", connectionId)).isEmpty();
  }

  @Test
  void answersTheAuditQueryOnlyToAdmins() {
    given().get("/api/admin/erp/audit").then().statusCode(401);
    given()
        .auth()
        .oauth2(AdminTokens.withoutAdminRole("bob"))
        .get("/api/admin/erp/audit")
        .then()
        .statusCode(403)
        .body("status", equalTo(403));
  }

  /** The raw rows, numbers as longs. */
  private List<Map<String, Object>> rows(String where, Object parameter) throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT row_to_json(a)::text FROM audit_entry a WHERE " + where + " ORDER BY id")) {
      query.setObject(1, parameter);
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          rows.add(
              mapper
                  .readerFor(new TypeReference<Map<String, Object>>() {})
                  .with(DeserializationFeature.USE_LONG_FOR_INTS)
                  .readValue(result.getString(1)));
        }
      }
    }
    return rows;
  }

  private String allRowsAsText() throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT coalesce(string_agg(row_to_json(a)::text, ','), '') FROM audit_entry a");
        ResultSet result = query.executeQuery()) {
      result.next();
      return result.getString(1);
    }
  }
}
