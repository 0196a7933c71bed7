package com.tgm.erpsync.orchestrator.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.change.ChangeOperation;
import com.tgm.erpsync.contracts.change.TgmRecordChanged;
import com.tgm.erpsync.orchestrator.tgm.TgmStore;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TopicProbe;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
class CaptureStreamTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Inject TgmStore store;

  private CaptureFixture fixture;
  private TopicProbe changes;

  @BeforeEach
  void open() {
    fixture = new CaptureFixture();
    changes = TopicProbe.open(TestInfrastructure.kafka(), Topics.TGM_CHANGES);
  }

  @AfterEach
  void close() throws Exception {
    changes.close();
    fixture.close();
  }

  @Test
  void publishesInsertUpdateAndDeleteOfARowAsTgmStoreReadsIt() throws Exception {
    fixture.streaming(fixture.newSlot(), Duration.ofSeconds(10));
    long locationId;
    long unitId;
    try (Connection jdbc = fixture.connect();
        Statement sql = jdbc.createStatement()) {
      try (ResultSet row =
          sql.executeQuery(
              "INSERT INTO tgm.location (name, latitude, longitude, active)"
                  + " VALUES ('Plant North', 48.1234500, -0.0000001, true) RETURNING id")) {
        row.next();
        locationId = row.getLong(1);
      }
      try (ResultSet row =
          sql.executeQuery(
              "INSERT INTO tgm.unit (name, status, location_id, install_date, specifications)"
                  + " VALUES ('Pump 7', 'IN_REPAIR', "
                  + locationId
                  + ", DATE '2017-04-13', '{\"kw\": 7.400, \"tags\": [\"a\"]}') RETURNING id")) {
        row.next();
        unitId = row.getLong(1);
      }
    }
    String locationKey = Topics.tgmRecordKey(EntityType.LOCATION, locationId);
    String unitKey = Topics.tgmRecordKey(EntityType.UNIT, unitId);

    ConsumerRecord<String, String> created = changes.await(r -> r.key().equals(locationKey), WAIT);
    TgmRecordChanged insert = CaptureFixture.read(created.value());
    assertThat(insert.entityType()).isEqualTo(EntityType.LOCATION);
    assertThat(insert.recordId()).isEqualTo(locationId);
    assertThat(insert.operation()).isEqualTo(ChangeOperation.CREATE);
    assertThat(insert.changedFields()).isNull();
    assertThat(insert.syncedFromConnectionId()).isNull();
    assertThat(insert.transactionId()).isNotNull();
    assertThat(insert.sourceTimestamp()).isNotNull();
    assertThat(insert.lsn()).matches("[0-9A-F]+/[0-9A-F]+");
    assertThat(insert.meta().messageId()).isNotBlank();
    assertThat(values(created)).isEqualTo(storeValues(EntityType.LOCATION, locationId));
    // exact decimals in plain notation, as TgmStore gives them
    assertThat(created.value()).contains("\"latitude\":48.12345").contains("-0.0000001");

    ConsumerRecord<String, String> unit = changes.await(r -> r.key().equals(unitKey), WAIT);
    assertThat(values(unit)).isEqualTo(storeValues(EntityType.UNIT, unitId));
    assertThat(values(unit).get("installDate").textValue()).isEqualTo("2017-04-13");
    assertThat(values(unit).get("specifications").get("kw").decimalValue())
        .isEqualByComparingTo("7.4");

    JsonNode beforeUpdate = storeValues(EntityType.LOCATION, locationId);
    try (Connection jdbc = fixture.connect();
        Statement sql = jdbc.createStatement()) {
      sql.executeUpdate("UPDATE tgm.location SET city = 'Linz' WHERE id = " + locationId);
    }
    ConsumerRecord<String, String> updated =
        changes.await(
            r -> r.key().equals(locationKey) && r.value().contains("\"operation\":\"UPDATE\""),
            WAIT);
    TgmRecordChanged update = CaptureFixture.read(updated.value());
    assertThat(update.changedFields()).containsExactlyInAnyOrder("city", "updatedAt");
    JsonNode afterUpdate = storeValues(EntityType.LOCATION, locationId);
    assertThat(values(updated)).isEqualTo(afterUpdate);
    assertThat(afterUpdate).isNotEqualTo(beforeUpdate);

    try (Connection jdbc = fixture.connect();
        Statement sql = jdbc.createStatement()) {
      sql.executeUpdate("DELETE FROM tgm.unit WHERE id = " + unitId);
      sql.executeUpdate("DELETE FROM tgm.location WHERE id = " + locationId);
    }
    ConsumerRecord<String, String> deleted =
        changes.await(
            r -> r.key().equals(locationKey) && r.value().contains("\"operation\":\"DELETE\""),
            WAIT);
    TgmRecordChanged delete = CaptureFixture.read(deleted.value());
    assertThat(delete.recordId()).isEqualTo(locationId);
    assertThat(delete.changedFields()).isNull();
    assertThat(values(deleted)).isEqualTo(afterUpdate);

    List<ConsumerRecord<String, String>> all =
        changes.drain(r -> r.key().equals(locationKey), Duration.ofSeconds(1));
    assertThat(all)
        .extracting(r -> CaptureFixture.read(r.value()).operation())
        .containsExactly(ChangeOperation.CREATE, ChangeOperation.UPDATE, ChangeOperation.DELETE);
  }

  @Test
  void marksRowsThatSyncWroteWithTheirConnectionAndNoOthers() throws Exception {
    fixture.streaming(fixture.newSlot(), Duration.ofSeconds(10));
    long first;
    long second;
    long unmarked;
    long last;
    try (Connection jdbc = fixture.connect()) {
      jdbc.setAutoCommit(false);
      SyncOrigin.mark(jdbc, 7);
      first = fixture.insertCompany(jdbc, "From connection 7");
      SyncOrigin.mark(jdbc, 9);
      second = fixture.insertCompany(jdbc, "From connection 9");
      jdbc.commit();

      unmarked = fixture.insertCompany(jdbc, "Typed in TGM");
      jdbc.commit();

      SyncOrigin.mark(jdbc, 5);
      long rolledBack = fixture.insertCompany(jdbc, "Never committed");
      jdbc.rollback();
      assertThat(rolledBack).isPositive();

      last = fixture.insertCompany(jdbc, "Typed in TGM later");
      jdbc.commit();
    }

    List<ConsumerRecord<String, String>> seen =
        changes.awaitCount(r -> r.key().startsWith("COMPANY:"), 4, WAIT);
    seen = changes.drain(r -> r.key().startsWith("COMPANY:"), Duration.ofSeconds(1));
    assertThat(seen)
        .extracting(ConsumerRecord::key)
        .containsExactly(
            Topics.tgmRecordKey(EntityType.COMPANY, first),
            Topics.tgmRecordKey(EntityType.COMPANY, second),
            Topics.tgmRecordKey(EntityType.COMPANY, unmarked),
            Topics.tgmRecordKey(EntityType.COMPANY, last));
    assertThat(seen)
        .extracting(r -> CaptureFixture.read(r.value()).syncedFromConnectionId())
        .containsExactly(7L, 9L, null, null);
  }

  @Test
  void refusesAMarkOutsideATransaction() throws Exception {
    try (Connection jdbc = fixture.connect()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> SyncOrigin.mark(jdbc, 7))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void deadLettersAChangeItCannotTranslateAndGoesOn() throws Exception {
    try (Connection jdbc = fixture.connect();
        Statement sql = jdbc.createStatement()) {
      sql.execute(
          "CREATE TABLE IF NOT EXISTS tgm.scratch_note (id BIGSERIAL PRIMARY KEY, note TEXT)");
    }
    try (TopicProbe dead =
        TopicProbe.open(TestInfrastructure.kafka(), Topics.dlq(Topics.TGM_CHANGES))) {
      fixture.streaming(fixture.newSlot(), Duration.ofSeconds(10));
      long company;
      try (Connection jdbc = fixture.connect();
          Statement sql = jdbc.createStatement()) {
        sql.executeUpdate("INSERT INTO tgm.scratch_note (note) VALUES ('not an entity')");
        company = fixture.insertCompany(jdbc, "After the poison");
      }

      ConsumerRecord<String, String> poison = dead.await(r -> true, WAIT);
      assertThat(header(poison, Topics.DLQ_REASON_HEADER))
          .isEqualTo("table tgm.scratch_note is not a TGM entity table");
      assertThat(header(poison, ChangePublisher.DLQ_LSN_HEADER)).matches("[0-9A-F]+/[0-9A-F]+");
      assertThat(poison.value()).contains("not an entity");
      changes.await(r -> r.key().equals(Topics.tgmRecordKey(EntityType.COMPANY, company)), WAIT);
      assertThat(changes.drain(r -> r.value().contains("not an entity"), Duration.ZERO)).isEmpty();
    } finally {
      try (Connection jdbc = fixture.connect();
          Statement sql = jdbc.createStatement()) {
        sql.execute("DROP TABLE tgm.scratch_note");
      }
    }
  }

  private JsonNode values(ConsumerRecord<String, String> record) throws Exception {
    return CaptureFixture.JSON.readTree(record.value()).get("values");
  }

  private JsonNode storeValues(EntityType entity, long id) throws Exception {
    JsonNode values = store.find(entity, id).orElseThrow().values();
    // through JSON text, as a consumer reads both
    return CaptureFixture.JSON.readTree(CaptureFixture.JSON.writeValueAsString(values));
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
