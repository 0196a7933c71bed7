package com.tgm.erpsync.mapping;

import static com.tgm.erpsync.mapping.Mappings.COMPANY;
import static com.tgm.erpsync.mapping.Mappings.GUIDE_STEP_2;
import static com.tgm.erpsync.mapping.Mappings.WAIT;
import static com.tgm.erpsync.mapping.Mappings.admin;
import static com.tgm.erpsync.mapping.Mappings.connectionExists;
import static com.tgm.erpsync.mapping.Mappings.connectionMappings;
import static com.tgm.erpsync.mapping.Mappings.create;
import static com.tgm.erpsync.mapping.Mappings.freshConnectionId;
import static com.tgm.erpsync.mapping.Mappings.mapping;
import static com.tgm.erpsync.mapping.Mappings.rows;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

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
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * mapping-service knows connections only from erp.connections: a snapshot makes one exist, a
 * tombstone deletes it together with its mappings, whose tombstones go to erp.mappings.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class ConnectionDeletionTest {

  @Inject ConnectionTable table;
  @Inject AgroalDataSource dataSource;

  @Test
  void deletesAConnectionsMappingsWithTheirTombstonesWhenItsTombstoneArrives() throws Exception {
    long connection = freshConnectionId();
    long other = connectionExists(table, freshConnectionId());
    Mappings.send(connection, Mappings.snapshot(connection));
    try (TopicProbe published = TopicProbe.open(TestInfrastructure.kafka(), Topics.MAPPINGS)) {
      long unit = create(connection, GUIDE_STEP_2);
      long company = create(connection, COMPANY);
      long kept = create(other, COMPANY);
      published.awaitCount(r -> r.value() != null, 3, WAIT);

      Mappings.connectionDeleted(connection);

      published.awaitCount(r -> r.value() == null, 2, WAIT);
      List<ConsumerRecord<String, String>> records =
          published.drain(r -> true, Duration.ofSeconds(1));
      assertThat(records).hasSize(5);
      assertThat(records.subList(3, 5))
          .extracting(ConsumerRecord::key, ConsumerRecord::value)
          .containsExactlyInAnyOrder(
              tuple(String.valueOf(unit), null), tuple(String.valueOf(company), null));
      assertThat(table.isKnown(connection)).isFalse();
      assertThat(
              rows(
                  dataSource,
                  "SELECT count(*) FROM entity_mapping WHERE connection_id = " + connection))
          .isZero();
      admin().get(mapping(unit)).then().statusCode(404);
      admin().get(mapping(company)).then().statusCode(404);
      admin().body(GUIDE_STEP_2).post(connectionMappings(connection)).then().statusCode(404);
      admin()
          .get(connectionMappings(other))
          .then()
          .statusCode(200)
          .body("id", contains((int) kept));
    }
  }

  @Test
  void knowsNoConnectionBeforeItsSnapshot() throws Exception {
    long connection = freshConnectionId();
    admin().get(connectionMappings(connection)).then().statusCode(404);

    connectionExists(table, connection);

    admin().get(connectionMappings(connection)).then().statusCode(200);
    create(connection, GUIDE_STEP_2);
  }

  @Test
  void reportsReadyOnceTheConnectionsAreLoaded() throws Exception {
    assertThat(table.awaitLoaded(WAIT)).isTrue();

    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'erp-connections table' }.status", equalTo("UP"));
  }
}
