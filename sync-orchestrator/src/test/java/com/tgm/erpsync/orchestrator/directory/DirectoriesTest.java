package com.tgm.erpsync.orchestrator.directory;

import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.WAIT;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.connection;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.deleteConnection;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.deleteMapping;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.freshId;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.mapping;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.publish;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.send;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.equalTo;

import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.contracts.snapshot.MappingSnapshot;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator knows connections and mappings only from erp.connections and erp.mappings: the
 * latest version of each, tombstones removing them, connections without their secrets.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
class DirectoriesTest {

  @Inject ConnectionDirectory connections;
  @Inject MappingDirectory mappings;

  @Test
  void holdsTheLatestSnapshotOfAConnectionWithoutItsSecrets() {
    long id = freshId();
    publish(connections, connection(id).name("Production SAP"));
    publish(connections, connection(id).name("Production SAP (renamed)").version(2));

    ConnectionSnapshot known = connections.find(id).orElseThrow();
    assertThat(known.name()).isEqualTo("Production SAP (renamed)");
    assertThat(known.syncDirection()).isEqualTo(SyncDirection.BIDIRECTIONAL);
    assertThat(known.clientId()).isEqualTo("tgm-client");
    assertThat(known.secrets()).isEmpty();
    assertThat(connections.all()).extracting(ConnectionSnapshot::id).contains(id);
  }

  @Test
  void keepsTheNewerVersionWhenAnOlderOneArrivesLate() {
    long id = freshId();
    publish(connections, connection(id).name("second").version(2));

    send(Topics.CONNECTIONS, id, connectionJson(id, "first", 1));
    assertThat(connections.awaitCaughtUp(WAIT)).isTrue();

    assertThat(connections.find(id).orElseThrow().name()).isEqualTo("second");
  }

  @Test
  void waitsForAConnectionPublishedAfterTheQuestion() throws Exception {
    long id = freshId();
    CompletableFuture<Void> later =
        CompletableFuture.runAsync(
            () -> publish(connections, connection(id)),
            CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));

    assertThat(connections.awaitKnown(id, WAIT)).isPresent();
    later.get(30, TimeUnit.SECONDS);
    assertThat(connections.awaitKnown(freshId(), Duration.ofMillis(200))).isEmpty();
  }

  @Test
  void forgetsADeletedConnection() {
    long id = publish(connections, connection(freshId()));

    deleteConnection(connections, id);

    assertThat(connections.find(id)).isEmpty();
    assertThat(connections.all()).extracting(ConnectionSnapshot::id).doesNotContain(id);
  }

  @Test
  void skipsAnUndecodableSnapshotAndReadsOn() {
    long broken = freshId();
    send(Topics.CONNECTIONS, broken, "{\"type\": \"ConnectionSnapshot\", \"id\": \"x\"}");
    long next = publish(connections, connection(freshId()));

    assertThat(connections.find(broken)).isEmpty();
    assertThat(connections.find(next)).isPresent();
  }

  @Test
  void listsTheLatestVersionOfEachMappingOfAConnection() {
    long connection = publish(connections, connection(freshId()));
    long elsewhere = publish(connections, connection(freshId()));
    long unit = freshId();
    long company = freshId();
    publish(mappings, mapping(unit, connection, "UNIT"));
    publish(mappings, mapping(unit, connection, "UNIT").direction("INBOUND").version(2));
    publish(mappings, mapping(company, connection, "COMPANY").syncEnabled(false));
    long other = publish(mappings, mapping(freshId(), elsewhere, "UNIT"));

    assertThat(mappings.mappingsOf(connection))
        .extracting(MappingSnapshot::id)
        .containsExactly(Math.min(unit, company), Math.max(unit, company));
    assertThat(mappings.mappingsOf(connection))
        .filteredOn(m -> m.id() == unit)
        .extracting(MappingSnapshot::version, MappingSnapshot::syncDirection)
        .containsExactly(tuple(2L, SyncDirection.INBOUND));
    assertThat(mappings.find(unit).orElseThrow().syncDirection()).isEqualTo(SyncDirection.INBOUND);
    assertThat(mappings.find(company).orElseThrow().syncEnabled()).isFalse();
    assertThat(mappings.mappingsOf(elsewhere))
        .extracting(MappingSnapshot::id)
        .containsExactly(other);

    deleteMapping(mappings, company);

    assertThat(mappings.mappingsOf(connection))
        .extracting(MappingSnapshot::id)
        .containsExactly(unit);
    assertThat(mappings.mappingsOf(freshId())).isEmpty();
  }

  @Test
  void reportsReadyOnceBothTopicsAreRead() throws Exception {
    assertThat(connections.awaitLoaded(WAIT)).isTrue();
    assertThat(mappings.awaitLoaded(WAIT)).isTrue();

    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'erp-connections directory' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'erp-mappings directory' }.status", equalTo("UP"));
  }

  private static String connectionJson(long id, String name, long version) {
    return """
    {"type": "ConnectionSnapshot",
     "meta": {"schemaVersion": 1, "messageId": "m-%d-%d", "correlationId": "c",
              "occurredAt": "2024-01-15T10:30:00Z"},
     "id": %d, "name": "%s", "erpType": "SAP_S4HANA", "authType": "OAUTH2", "enabled": true,
     "syncEnabled": true, "syncDirection": "BIDIRECTIONAL", "version": %d,
     "updatedAt": "2024-01-15T10:30:00Z"}
    """
        .formatted(id, version, id, name, version);
  }
}
