package com.tgm.erpsync.connection.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.AdminTokens;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GET /api/admin/erp/audit: filters, paging in the database, and clear 400s. */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class AuditQueryTest {
  private static final String AUDIT = "/api/admin/erp/audit";
  private static final Instant NOON = Instant.parse("2001-03-01T12:00:00Z");

  @Inject AuditRepository repository;

  @Test
  void filtersByConnection() {
    String action = uniqueAction();
    long connection = uniqueConnection();
    long[] ids = {
      insert(action, connection, NOON), insert(action, connection, NOON.plusSeconds(1))
    };
    insert(action, connection + 1, NOON);

    JsonPath page =
        admin()
            .queryParam("connectionId", connection)
            .get(AUDIT)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(page.getLong("totalElements")).isEqualTo(2);
    assertThat(page.getList("content.id", Long.class)).containsExactly(ids[1], ids[0]);
    assertThat(page.getList("content.connectionId", Long.class)).containsOnly(connection);
  }

  @Test
  void filtersByAction() {
    String action = uniqueAction();
    insert(action, uniqueConnection(), NOON);
    insert(action, uniqueConnection(), NOON);
    insert(uniqueAction(), uniqueConnection(), NOON);

    admin()
        .queryParam("action", action)
        .get(AUDIT)
        .then()
        .statusCode(200)
        .body("totalElements", equalTo(2))
        .body("content.action", hasItem(action));
  }

  @Test
  void filtersByTimeFromInclusiveToExclusiveInUtcOrWithAnOffset() {
    String action = uniqueAction();
    long early = insert(action, uniqueConnection(), NOON.minus(Duration.ofHours(2)));
    long middle = insert(action, uniqueConnection(), NOON.minus(Duration.ofHours(1)));
    long late = insert(action, uniqueConnection(), NOON);

    assertThat(
            ids(
                admin()
                    .queryParam("action", action)
                    .queryParam("from", "2001-03-01T11:00:00")
                    .queryParam("to", "2001-03-01T12:00:00")))
        .containsExactly(middle);
    assertThat(
            ids(
                admin()
                    .queryParam("action", action)
                    .queryParam("from", "2001-03-01T12:30:00+02:00")))
        .containsExactly(late, middle);
    assertThat(ids(admin().queryParam("action", action).queryParam("to", "2001-03-01T10:00:01Z")))
        .containsExactly(early);
  }

  @Test
  void pagesNewestFirstWithTotals() {
    String action = uniqueAction();
    long[] ids = new long[5];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = insert(action, uniqueConnection(), NOON.plus(Duration.ofMinutes(i)));
    }

    JsonPath first =
        admin()
            .queryParam("action", action)
            .queryParam("size", 2)
            .get(AUDIT)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(first.getList("content.id", Long.class)).containsExactly(ids[4], ids[3]);
    assertThat(first.getInt("page")).isZero();
    assertThat(first.getInt("size")).isEqualTo(2);
    assertThat(first.getLong("totalElements")).isEqualTo(5);
    assertThat(first.getLong("totalPages")).isEqualTo(3);

    assertThat(
            ids(admin().queryParam("action", action).queryParam("size", 2).queryParam("page", 2)))
        .containsExactly(ids[0]);
    admin()
        .queryParam("action", action)
        .queryParam("page", 3)
        .queryParam("size", 2)
        .get(AUDIT)
        .then()
        .statusCode(200)
        .body("content", empty())
        .body("totalElements", equalTo(5));
    admin()
        .queryParam("action", action)
        .get(AUDIT)
        .then()
        .statusCode(200)
        .body("page", equalTo(0))
        .body("size", equalTo(50))
        .body("totalPages", equalTo(1));
  }

  @Test
  void showsAnEntryWithItsUtcTimeToTheSecondAndItsMaskedChanges() {
    String action = uniqueAction();
    long connection = uniqueConnection();
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              AuditEntryEntity entry =
                  AuditTrail.entry(
                      "carol",
                      action,
                      connection,
                      "PUT",
                      "/api/admin/erp/connections/" + connection);
              entry.occurredAt = Instant.parse("2024-01-15T10:30:00.750Z");
              entry.outcome = AuditOutcome.SUCCESS;
              entry.status = 200;
              entry.changes =
                  "{\"name\":{\"from\":\"Old SAP\",\"to\":\"New SAP\"},"
                      + "\"clientSecret\":{\"from\":\"********\",\"to\":\"********\"},"
                      + "\"description\":{\"from\":null,\"to\":\"Main\"}}";
              repository.persist(entry);
            });

    admin()
        .queryParam("action", action)
        .get(AUDIT)
        .then()
        .statusCode(200)
        .body("content[0].occurredAt", equalTo("2024-01-15T10:30:00"))
        .body("content[0].actor", equalTo("carol"))
        .body("content[0].connectionId", equalTo((int) connection))
        .body("content[0].method", equalTo("PUT"))
        .body("content[0].path", equalTo("/api/admin/erp/connections/" + connection))
        .body("content[0].outcome", equalTo("SUCCESS"))
        .body("content[0].status", equalTo(200))
        .body("content[0].changes.name.from", equalTo("Old SAP"))
        .body("content[0].changes.name.to", equalTo("New SAP"))
        .body("content[0].changes.clientSecret.to", equalTo("********"))
        .body("content[0].changes.description", hasKey("from"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "page, -1",
    "page, first",
    "size, 0",
    "size, 501",
    "size, ten",
    "connectionId, abc",
    "connectionId, 0",
    "from, yesterday",
    "from, 2024-01-15",
    "to, 2024-13-01T00:00:00",
    "page, 99999999"
  })
  void rejectsAnInvalidParameterNamingIt(String parameter, String value) {
    admin()
        .queryParam(parameter, value)
        .get(AUDIT)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem(parameter));
  }

  @Test
  void rejectsARangeThatEndsBeforeItStarts() {
    admin()
        .queryParam("from", "2024-01-15T10:30:00")
        .queryParam("to", "2024-01-15T10:00:00")
        .get(AUDIT)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("to"));
  }

  private long insert(String action, long connection, Instant at) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              AuditEntryEntity entry =
                  AuditTrail.entry(
                      "carol", action, connection, "POST", "/api/admin/erp/connections");
              entry.occurredAt = at;
              entry.outcome = AuditOutcome.SUCCESS;
              entry.status = 201;
              repository.persist(entry);
              return entry.id;
            });
  }

  private static List<Long> ids(RequestSpecification request) {
    return request
        .get(AUDIT)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("content.id", Long.class);
  }

  private static String uniqueAction() {
    return "test.query-" + UUID.randomUUID();
  }

  private static long uniqueConnection() {
    return ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L);
  }

  private static RequestSpecification admin() {
    return given().auth().oauth2(AdminTokens.admin("alice"));
  }
}
