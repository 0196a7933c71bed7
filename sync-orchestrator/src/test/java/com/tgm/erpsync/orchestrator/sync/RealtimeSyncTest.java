package com.tgm.erpsync.orchestrator.sync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.contracts.ConflictResolution;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.change.ChangeOperation;
import com.tgm.erpsync.contracts.change.ErpChangeNotification;
import com.tgm.erpsync.contracts.change.ErpChangeType;
import com.tgm.erpsync.contracts.change.TgmRecordChanged;
import com.tgm.erpsync.contracts.event.SyncEventTypes;
import com.tgm.erpsync.contracts.result.ErpRecord;
import com.tgm.erpsync.orchestrator.directory.ConnectionDirectory;
import com.tgm.erpsync.orchestrator.directory.MappingDirectory;
import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.AdminTokens;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TestProducer;
import com.tgm.erpsync.testsupport.TopicProbe;
import com.tgm.erpsync.testsupport.connector.AppliedWrite;
import com.tgm.erpsync.testsupport.connector.ContractJson;
import com.tgm.erpsync.testsupport.connector.ScriptedEntitySet;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Realtime sync through the real broker and database with the scripted connector: TGM changes
 * (tgm.changes) written to the ERP once, ERP changes (erp.changes) fetched and applied, echoes of
 * both skipped, and records changed on both sides settled by each strategy or parked in the
 * conflict queue and resolved through the API.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class RealtimeSyncTest {
  private static final Instant BASE = Instant.parse("2024-01-15T08:00:00Z");

  @Inject AgroalDataSource dataSource;
  @Inject ConnectionDirectory connections;
  @Inject MappingDirectory mappings;
  @Inject ObjectMapper mapper;

  private SyncFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new SyncFixture(dataSource, connections, mappings, mapper);
    SyncFixture.connector();
  }

  @AfterAll
  static void stopConnector() {
    SyncFixture.stopConnector();
  }

  @Test
  void tgmChangeIsWrittenOnceReplaysAndMarkedWritesAreSkippedAndALaterUserChangeGoesOut() {
    long connectionId = fixture.connection(SyncDirection.BIDIRECTIONAL);
    fixture.unitMapping(connectionId, SyncDirection.BIDIRECTIONAL, 10, ConflictResolution.MANUAL);
    equipment(connectionId);
    String serial = "RT-" + connectionId;
    long unit = insertUnit(serial, "Pump", "Grundfos", "CR 1");

    TgmRecordChanged created = tgmChange(unit, ChangeOperation.CREATE, null);
    publish(created);
    awaitWrites(connectionId, 1);
    long jobId = realtimeJob(connectionId);
    fixture.awaitJob(jobId, job -> job.path("successCount").asLong() == 1);

    // the same change delivered again (a replay after a restart has a new message id)
    publish(tgmChange(unit, ChangeOperation.CREATE, null));
    fixture.awaitJob(jobId, j -> j.path("skipCount").asLong() == 1);
    // a change sync itself made (marked as synced from this connection) comes back
    fixture.execute("UPDATE tgm.unit SET model = 'CR 2' WHERE id = ?", unit);
    publish(tgmChange(unit, ChangeOperation.UPDATE, connectionId));
    JsonNode job = fixture.awaitJob(jobId, j -> j.path("skipCount").asLong() == 2);
    assertThat(writes(connectionId)).hasSize(1);
    assertThat(job.path("jobType").asText()).isEqualTo("REALTIME");
    assertThat(job.path("status").asText()).isEqualTo("RUNNING");
    assertThat(job.path("processedRecords").asLong()).isEqualTo(3);
    assertThat(job.path("totalRecords").asLong()).isEqualTo(3);

    // a user's change right after: goes out, naming the version the first write left
    fixture.execute("UPDATE tgm.unit SET name = 'Pump (overhauled)' WHERE id = ?", unit);
    publish(tgmChange(unit, ChangeOperation.UPDATE, null));
    List<AppliedWrite> writes = awaitWrites(connectionId, 2);
    assertThat(writes.get(1).values())
        .containsEntry("Description", "Pump (overhauled)")
        .containsEntry("Model", "CR 2");
    assertThat(writes.get(1).erpKey()).isEqualTo(Map.of("Equipment", serial));
    fixture.awaitJob(jobId, j -> j.path("successCount").asLong() == 2);
    assertThat(
            fixture.count(
                "SELECT count(*) FROM sync_job WHERE connection_id = ? AND job_type = 'REALTIME'",
                connectionId))
        .isEqualTo(1);
  }

  @Test
  void tgmDeletionDeletesTheLinkedErpRecordAndForgetsTheLink() {
    long connectionId = fixture.connection(SyncDirection.BIDIRECTIONAL);
    fixture.unitMapping(connectionId, SyncDirection.BIDIRECTIONAL, 10, ConflictResolution.MANUAL);
    ScriptedEntitySet set = equipment(connectionId);
    long unit = insertUnit("DEL-" + connectionId, "Pump", "Grundfos", "CR 1");
    publish(tgmChange(unit, ChangeOperation.CREATE, null));
    awaitWrites(connectionId, 1);
    SyncFixture.await(
        "linked",
        () ->
            fixture.count("SELECT count(*) FROM sync_ledger WHERE connection_id = ?", connectionId)
                == 1);

    fixture.execute("DELETE FROM tgm.unit WHERE id = ?", unit);
    publish(tgmChange(unit, ChangeOperation.DELETE, null));
    SyncFixture.await("deleted in the ERP", () -> set.size() == 0);
    SyncFixture.await(
        "unlinked",
        () ->
            fixture.count("SELECT count(*) FROM sync_ledger WHERE connection_id = ?", connectionId)
                == 0);
  }

  @Test
  void keyOnlyErpChangeIsFetchedAndAppliedAndItsCaptureDoesNotGoBack() {
    long connectionId = fixture.connection(SyncDirection.BIDIRECTIONAL);
    fixture.unitMapping(connectionId, SyncDirection.BIDIRECTIONAL, 10, ConflictResolution.MANUAL);
    ScriptedEntitySet set = equipment(connectionId);
    String serial = "IN-" + connectionId;
    set.put(equipment(serial, "Compressor", "Atlas Copco", "GA 30", BASE));

    publish(erpChange(connectionId, serial));
    long unit = awaitUnit(serial, "Compressor");
    long jobId = realtimeJob(connectionId);
    fixture.awaitJob(jobId, j -> j.path("successCount").asLong() == 1);

    // the TGM write comes back through capture, marked, and once more unmarked (hash fallback)
    publish(tgmChange(unit, ChangeOperation.CREATE, connectionId));
    publish(tgmChange(unit, ChangeOperation.CREATE, null));
    JsonNode job = fixture.awaitJob(jobId, j -> j.path("skipCount").asLong() == 2);
    assertThat(job.path("successCount").asLong()).isEqualTo(1);
    assertThat(writes(connectionId)).isEmpty();

    // a webhook with the whole record needs no fetch
    set.put(
        equipment(serial, "Compressor (rebuilt)", "Atlas Copco", "GA 30", BASE.plusSeconds(60)));
    publish(
        new ErpChangeNotification(
            MessageMeta.create("webhook"),
            connectionId,
            ErpType.SAP_S4HANA,
            "Equipment",
            Map.of("Equipment", serial),
            ErpChangeType.UPDATED,
            Map.of(
                "Equipment",
                serial,
                "Description",
                "Compressor (rebuilt)",
                "Manufacturer",
                "Atlas Copco",
                "Model",
                "GA 30"),
            null,
            "event-" + connectionId,
            "/sap",
            BASE.plusSeconds(60),
            Instant.now()));
    awaitUnit(serial, "Compressor (rebuilt)");
    assertThat(writes(connectionId)).isEmpty();
  }

  @Test
  void bulkChangeReportedWithoutRecordsStartsAnInboundIncrementalOfThatEntity() {
    long connectionId = fixture.connection(SyncDirection.BIDIRECTIONAL);
    fixture.unitMapping(connectionId, SyncDirection.BIDIRECTIONAL, 10, ConflictResolution.MANUAL);
    ScriptedEntitySet set = equipment(connectionId);
    String first = "BULK-A-" + connectionId;
    String second = "BULK-B-" + connectionId;
    set.put(equipment(first, "Pump", "Grundfos", "CR 10", BASE));
    set.put(equipment(second, "Valve", "Samson", "3241", BASE));

    publish(
        new ErpChangeNotification(
            MessageMeta.create("webhook"),
            connectionId,
            ErpType.SAP_S4HANA,
            "Equipment",
            Map.of(),
            ErpChangeType.COLLECTION,
            null,
            "lastModifiedDateTime gt 2024-01-15T07:00:00Z",
            "collection-" + connectionId,
            "sub-1",
            BASE,
            Instant.now()));

    SyncFixture.await(
        "the re-read job",
        () ->
            fixture.count(
                    "SELECT count(*) FROM sync_job WHERE connection_id = ?"
                        + " AND job_type = 'INCREMENTAL' AND direction = 'INBOUND'"
                        + " AND triggered_by = 'erp-collection-notification'",
                    connectionId)
                == 1);
    long jobId =
        fixture.count(
            "SELECT id FROM sync_job WHERE connection_id = ? AND job_type = 'INCREMENTAL'",
            connectionId);
    JsonNode job = fixture.awaitEnd(jobId);
    assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("COMPLETED");
    assertThat(job.path("successCount").asLong()).isEqualTo(2);
    awaitUnit(first, "Pump");
    awaitUnit(second, "Valve");
    // one task, inbound: the mapping syncs both ways, the re-read only reads
    assertThat(fixture.count("SELECT count(*) FROM sync_job_task WHERE job_id = ?", jobId))
        .isEqualTo(1);
    assertThat(
            fixture.count(
                "SELECT count(*) FROM sync_job_task WHERE job_id = ? AND direction = 'INBOUND'",
                jobId))
        .isEqualTo(1);
    assertThat(writes(connectionId)).isEmpty();
  }

  @Test
  void notificationNamingPartOfTheKeyUpdatesTheLinkedRecord() {
    long connectionId = fixture.connection(SyncDirection.BIDIRECTIONAL);
    fixture.unitMapping(connectionId, SyncDirection.BIDIRECTIONAL, 10, ConflictResolution.MANUAL);
    ScriptedEntitySet set =
        SyncFixture.erp()
            .entitySet(connectionId, "Equipment")
            .keyFields("Equipment", "ValidityEndDate");
    String serial = "PART-" + connectionId;
    Map<String, String> key = Map.of("Equipment", serial, "ValidityEndDate", "9999-12-31");
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("Equipment", serial);
    values.put("ValidityEndDate", "9999-12-31");
    values.put("Description", "Pump");
    set.put(new ErpRecord(key, null, BASE, values));
    publish(erpChange(connectionId, key));
    long unit = awaitUnit(serial, "Pump");

    // a business event names the equipment number only
    values.put("Description", "Pump (rebuilt)");
    set.put(new ErpRecord(key, null, BASE.plusSeconds(60), new LinkedHashMap<>(values)));
    publish(erpChange(connectionId, Map.of("Equipment", serial)));
    assertThat(awaitUnit(serial, "Pump (rebuilt)")).isEqualTo(unit);
    assertThat(fixture.count("SELECT count(*) FROM tgm.unit WHERE serial_number = ?", serial))
        .isEqualTo(1);
  }

  @Test
  void tgmWinsWritesTgmValuesToTheErp() {
    Linked record = linked(ConflictResolution.TGM_WINS);
    record.changeBoth("ERP name", BASE.plusSeconds(60), "TGM name");
    publish(erpChange(record.connectionId, record.serial));
    List<AppliedWrite> writes = awaitWrites(record.connectionId, 1);
    assertThat(writes.get(0).values()).containsEntry("Description", "TGM name");
    assertThat(record.erpDescription()).isEqualTo("TGM name");
    assertThat(record.tgmName()).isEqualTo("TGM name");
    assertThat(openConflicts(record.connectionId)).isZero();
  }

  @Test
  void erpWinsWritesErpValuesToTgmOnly() {
    Linked record = linked(ConflictResolution.ERP_WINS);
    record.changeBoth("ERP name", BASE.plusSeconds(60), "TGM name");
    try (TopicProbe events = TopicProbe.open(TestInfrastructure.kafka(), Topics.SYNC_EVENTS)) {
      publish(erpChange(record.connectionId, record.serial));
      awaitUnit(record.serial, "ERP name");
      ConsumerRecord<String, String> resolved =
          events.await(
              r -> isEvent(r, record.connectionId, SyncEventTypes.CONFLICT_RESOLVED),
              SyncFixture.WAIT);
      JsonNode data = read(resolved.value()).path("data");
      assertThat(data.path("resolution").asText()).isEqualTo("ERP");
      assertThat(data.path("conflictingFields").get(0).asText()).isEqualTo("name");
    }
    SyncFixture.sleep(1_000);
    assertThat(writes(record.connectionId)).isEmpty();
    assertThat(openConflicts(record.connectionId)).isZero();
  }

  @Test
  void newestWinsGivesTheRecordToTheLaterModification() {
    Linked erpNewer = linked(ConflictResolution.NEWEST_WINS);
    erpNewer.changeBoth("ERP name", Instant.parse("2100-01-01T00:00:00Z"), "TGM name");
    publish(erpChange(erpNewer.connectionId, erpNewer.serial));
    awaitUnit(erpNewer.serial, "ERP name");

    Linked tgmNewer = linked(ConflictResolution.NEWEST_WINS);
    tgmNewer.changeBoth("ERP name", BASE.plusSeconds(1), "TGM name");
    publish(erpChange(tgmNewer.connectionId, tgmNewer.serial));
    List<AppliedWrite> writes = awaitWrites(tgmNewer.connectionId, 1);
    assertThat(writes.get(0).values()).containsEntry("Description", "TGM name");
    assertThat(tgmNewer.tgmName()).isEqualTo("TGM name");
    assertThat(writes(erpNewer.connectionId)).isEmpty();
  }

  @Test
  void mergeWithDisjointFieldsTakesEachSidesChangeWithoutAConflict() {
    Linked record = linked(ConflictResolution.MERGE);
    ErpRecord current = record.erpRecord();
    Map<String, Object> values = new LinkedHashMap<>(current.values());
    values.put("Manufacturer", "KSB");
    record.set.put(new ErpRecord(current.key(), null, BASE.plusSeconds(60), values));
    fixture.execute("UPDATE tgm.unit SET model = 'CR 99' WHERE id = ?", record.unit);

    publish(erpChange(record.connectionId, record.serial));
    List<AppliedWrite> writes = awaitWrites(record.connectionId, 1);
    assertThat(writes.get(0).values())
        .containsEntry("Manufacturer", "KSB")
        .containsEntry("Model", "CR 99");
    SyncFixture.await(
        "TGM merged",
        () ->
            fixture.count(
                    "SELECT count(*) FROM tgm.unit WHERE id = ? AND manufacturer = 'KSB'"
                        + " AND model = 'CR 99'",
                    record.unit)
                == 1);
    assertThat(openConflicts(record.connectionId)).isZero();
  }

  @Test
  void mergeWithOverlappingFieldsIsParkedAndResolvingWithMergedValuesWritesBothSides() {
    Linked record = linked(ConflictResolution.MERGE);
    ErpRecord current = record.erpRecord();
    Map<String, Object> values = new LinkedHashMap<>(current.values());
    values.put("Description", "ERP name");
    values.put("Manufacturer", "KSB");
    record.set.put(new ErpRecord(current.key(), null, BASE.plusSeconds(60), values));
    fixture.execute("UPDATE tgm.unit SET name = 'TGM name' WHERE id = ?", record.unit);

    long conflictId;
    try (TopicProbe events = TopicProbe.open(TestInfrastructure.kafka(), Topics.SYNC_EVENTS)) {
      publish(erpChange(record.connectionId, record.serial));
      conflictId = awaitOpenConflict(record.connectionId);
      ConsumerRecord<String, String> detected =
          events.await(
              r -> isEvent(r, record.connectionId, SyncEventTypes.CONFLICT_DETECTED),
              SyncFixture.WAIT);
      assertThat(read(detected.value()).path("data").path("conflictId").asLong())
          .isEqualTo(conflictId);
    }
    // parked: TGM keeps its value; nothing goes to the ERP
    assertThat(record.tgmName()).isEqualTo("TGM name");
    assertThat(writes(record.connectionId)).isEmpty();

    JsonNode listed = listConflicts(record.connectionId, "OPEN");
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).path("conflictingFields").toString()).isEqualTo("[\"name\"]");
    JsonNode detail = conflict(conflictId);
    assertThat(detail.path("strategy").asText()).isEqualTo("MERGE");
    assertThat(detail.path("baseValues").path("name").asText()).isEqualTo("Pump");
    assertThat(detail.path("tgmValues").path("name").asText()).isEqualTo("TGM name");
    assertThat(detail.path("erpValues").path("name").asText()).isEqualTo("ERP name");
    assertThat(detail.path("erpValues").path("manufacturer").asText()).isEqualTo("KSB");

    // a resolution without the conflicting field is refused, naming it; nothing changes
    given()
        .auth()
        .oauth2(AdminTokens.admin("alice"))
        .contentType("application/json")
        .body("{\"resolution\": \"MERGED\", \"values\": {\"model\": \"X\"}}")
        .post("/api/admin/erp/conflicts/" + conflictId + "/resolve")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    assertThat(conflict(conflictId).path("status").asText()).isEqualTo("OPEN");

    JsonNode resolved =
        resolve(
            conflictId,
            "{\"resolution\": \"MERGED\", \"values\": {\"name\":" + " \"Merged name\"}}");
    assertThat(resolved.path("status").asText()).isEqualTo("RESOLVED");
    assertThat(resolved.path("resolvedBy").asText()).isEqualTo("alice");
    List<AppliedWrite> writes = awaitWrites(record.connectionId, 1);
    assertThat(writes.get(0).values())
        .containsEntry("Description", "Merged name")
        .containsEntry("Manufacturer", "KSB");
    assertThat(record.erpDescription()).isEqualTo("Merged name");
    assertThat(record.tgmName()).isEqualTo("Merged name");
    assertThat(
            fixture.count(
                "SELECT count(*) FROM tgm.unit WHERE id = ? AND manufacturer = 'KSB'", record.unit))
        .isEqualTo(1);
    given()
        .auth()
        .oauth2(AdminTokens.admin("alice"))
        .contentType("application/json")
        .body("{\"resolution\": \"TGM\"}")
        .post("/api/admin/erp/conflicts/" + conflictId + "/resolve")
        .then()
        .statusCode(409);
  }

  @Test
  void manualParksTheRecordLaterChangesUpdateTheConflictAndResolvingWithErpWritesTgm() {
    Linked record = linked(ConflictResolution.MANUAL);
    record.changeBoth("ERP name", BASE.plusSeconds(60), "TGM name");
    publish(erpChange(record.connectionId, record.serial));
    long conflictId = awaitOpenConflict(record.connectionId);

    // later changes of either side update the conflict; neither side is written
    ErpRecord current = record.erpRecord();
    Map<String, Object> values = new LinkedHashMap<>(current.values());
    values.put("Description", "ERP name 2");
    record.set.put(new ErpRecord(current.key(), null, BASE.plusSeconds(120), values));
    publish(erpChange(record.connectionId, record.serial));
    fixture.execute("UPDATE tgm.unit SET name = 'TGM name 2' WHERE id = ?", record.unit);
    publish(tgmChange(record.unit, ChangeOperation.UPDATE, null));
    SyncFixture.await(
        "conflict updated",
        () -> {
          JsonNode detail = conflict(conflictId);
          return detail.path("erpValues").path("name").asText().equals("ERP name 2")
              && detail.path("tgmValues").path("name").asText().equals("TGM name 2");
        });
    assertThat(writes(record.connectionId)).isEmpty();
    assertThat(record.tgmName()).isEqualTo("TGM name 2");

    JsonNode resolved = resolve(conflictId, "{\"resolution\": \"ERP\"}");
    assertThat(resolved.path("resolution").asText()).isEqualTo("ERP");
    awaitUnit(record.serial, "ERP name 2");
    SyncFixture.sleep(1_000);
    assertThat(writes(record.connectionId)).isEmpty();
    assertThat(listConflicts(record.connectionId, "RESOLVED")).hasSize(1);
    assertThat(listConflicts(record.connectionId, "OPEN")).isEmpty();
  }

  @Test
  void writeRefusedForAStaleVersionIsFetchedAndSettledByTheStrategy() {
    Linked record = linked(ConflictResolution.TGM_WINS);
    // the ERP record changes without a webhook; then TGM changes and its write names the old ETag
    record.changeBoth("ERP name", BASE.plusSeconds(60), "TGM name");
    publish(tgmChange(record.unit, ChangeOperation.UPDATE, null));
    SyncFixture.await(
        "the TGM values in the ERP", () -> "TGM name".equals(record.erpDescription()));
    List<AppliedWrite> writes = writes(record.connectionId);
    assertThat(writes).hasSize(1);
    assertThat(writes.get(0).values()).containsEntry("Description", "TGM name");
    assertThat(record.tgmName()).isEqualTo("TGM name");
  }

  // ------------------------------------------------------------------------------------ helpers

  /** A unit synced from the ERP once (linked, base "Pump"), on a connection of its own. */
  private Linked linked(ConflictResolution strategy) {
    long connectionId = fixture.connection(SyncDirection.BIDIRECTIONAL);
    fixture.unitMapping(connectionId, SyncDirection.BIDIRECTIONAL, 10, strategy);
    ScriptedEntitySet set = equipment(connectionId);
    String serial = strategy + "-" + connectionId;
    set.put(equipment(serial, "Pump", "Grundfos", "CR 1", BASE));
    publish(erpChange(connectionId, serial));
    long unit = awaitUnit(serial, "Pump");
    SyncFixture.await(
        "linked",
        () ->
            fixture.count("SELECT count(*) FROM sync_ledger WHERE connection_id = ?", connectionId)
                == 1);
    return new Linked(connectionId, serial, unit, set);
  }

  private final class Linked {
    final long connectionId;
    final String serial;
    final long unit;
    final ScriptedEntitySet set;

    Linked(long connectionId, String serial, long unit, ScriptedEntitySet set) {
      this.connectionId = connectionId;
      this.serial = serial;
      this.unit = unit;
      this.set = set;
    }

    ErpRecord erpRecord() {
      return set.get(Map.of("Equipment", serial)).orElseThrow();
    }

    String erpDescription() {
      return String.valueOf(erpRecord().values().get("Description"));
    }

    String tgmName() {
      return String.valueOf(
          fixture.rows("SELECT name FROM tgm.unit WHERE id = ?", unit).get(0).get(0));
    }

    /** The ERP's Description and TGM's name both changed since the base, differently. */
    void changeBoth(String erpDescription, Instant erpModifiedAt, String tgmName) {
      ErpRecord current = erpRecord();
      Map<String, Object> values = new LinkedHashMap<>(current.values());
      values.put("Description", erpDescription);
      set.put(new ErpRecord(current.key(), null, erpModifiedAt, values));
      fixture.execute("UPDATE tgm.unit SET name = ? WHERE id = ?", tgmName, unit);
    }
  }

  private ScriptedEntitySet equipment(long connectionId) {
    return SyncFixture.erp().entitySet(connectionId, "Equipment").keyFields("Equipment");
  }

  private static ErpRecord equipment(
      String serial, String description, String manufacturer, String model, Instant modifiedAt) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("Equipment", serial);
    values.put("Description", description);
    values.put("Manufacturer", manufacturer);
    values.put("Model", model);
    return new ErpRecord(Map.of("Equipment", serial), null, modifiedAt, values);
  }

  private long insertUnit(String serial, String name, String manufacturer, String model) {
    fixture.execute(
        "INSERT INTO tgm.unit (serial_number, name, manufacturer, model) VALUES (?, ?, ?, ?)",
        serial,
        name,
        manufacturer,
        model);
    return fixture.count("SELECT id FROM tgm.unit WHERE serial_number = ?", serial);
  }

  private long awaitUnit(String serial, String name) {
    SyncFixture.await(
        "TGM unit " + serial + " named " + name,
        () ->
            fixture.count(
                    "SELECT count(*) FROM tgm.unit WHERE serial_number = ? AND name = ?",
                    serial,
                    name)
                == 1);
    return fixture.count("SELECT id FROM tgm.unit WHERE serial_number = ?", serial);
  }

  private TgmRecordChanged tgmChange(long unit, ChangeOperation operation, Long syncedFrom) {
    return new TgmRecordChanged(
        MessageMeta.create("capture"),
        EntityType.UNIT,
        unit,
        operation,
        Map.of("id", unit),
        null,
        Instant.now(),
        1L,
        "0/1",
        syncedFrom);
  }

  private static ErpChangeNotification erpChange(long connectionId, String serial) {
    return erpChange(connectionId, Map.of("Equipment", serial));
  }

  private static ErpChangeNotification erpChange(long connectionId, Map<String, String> key) {
    return new ErpChangeNotification(
        MessageMeta.create("webhook"),
        connectionId,
        ErpType.SAP_S4HANA,
        "Equipment",
        key,
        ErpChangeType.UPDATED,
        null,
        null,
        "event-" + System.nanoTime(),
        "/sap",
        Instant.now(),
        Instant.now());
  }

  private static void publish(TgmRecordChanged change) {
    try (TestProducer producer = new TestProducer(TestInfrastructure.kafka())) {
      producer.send(
          Topics.TGM_CHANGES,
          change.entityType() + ":" + change.recordId(),
          ContractJson.write(change));
    }
  }

  private static void publish(ErpChangeNotification change) {
    try (TestProducer producer = new TestProducer(TestInfrastructure.kafka())) {
      producer.send(
          Topics.ERP_CHANGES, Long.toString(change.connectionId()), ContractJson.write(change));
    }
  }

  private static List<AppliedWrite> writes(long connectionId) {
    return SyncFixture.erp().writes(connectionId, "Equipment");
  }

  private static List<AppliedWrite> awaitWrites(long connectionId, int count) {
    SyncFixture.await(count + " writes", () -> writes(connectionId).size() >= count);
    SyncFixture.sleep(500);
    List<AppliedWrite> writes = writes(connectionId);
    assertThat(writes).hasSize(count);
    return writes;
  }

  private long realtimeJob(long connectionId) {
    SyncFixture.await(
        "the REALTIME job",
        () ->
            fixture.count(
                    "SELECT count(*) FROM sync_job WHERE connection_id = ?"
                        + " AND job_type = 'REALTIME'",
                    connectionId)
                == 1);
    return fixture.count(
        "SELECT id FROM sync_job WHERE connection_id = ? AND job_type = 'REALTIME'", connectionId);
  }

  private long openConflicts(long connectionId) {
    return fixture.count(
        "SELECT count(*) FROM sync_conflict WHERE connection_id = ? AND status = 'OPEN'",
        connectionId);
  }

  private long awaitOpenConflict(long connectionId) {
    SyncFixture.await("an open conflict", () -> openConflicts(connectionId) == 1);
    return fixture.count(
        "SELECT id FROM sync_conflict WHERE connection_id = ? AND status = 'OPEN'", connectionId);
  }

  private JsonNode listConflicts(long connectionId, String status) {
    return read(
        given()
            .auth()
            .oauth2(AdminTokens.admin("alice"))
            .get("/api/admin/erp/conflicts?connectionId=" + connectionId + "&status=" + status)
            .then()
            .statusCode(200)
            .extract()
            .asString());
  }

  private JsonNode conflict(long id) {
    return read(
        given()
            .auth()
            .oauth2(AdminTokens.admin("alice"))
            .get("/api/admin/erp/conflicts/" + id)
            .then()
            .statusCode(200)
            .extract()
            .asString());
  }

  private JsonNode resolve(long id, String body) {
    return read(
        given()
            .auth()
            .oauth2(AdminTokens.admin("alice"))
            .contentType("application/json")
            .body(body)
            .post("/api/admin/erp/conflicts/" + id + "/resolve")
            .then()
            .statusCode(200)
            .extract()
            .asString());
  }

  private boolean isEvent(ConsumerRecord<String, String> record, long connectionId, String type) {
    if (!Long.toString(connectionId).equals(record.key())) {
      return false;
    }
    return type.equals(read(record.value()).path("type").asText());
  }

  private JsonNode read(String json) {
    try {
      return mapper.readTree(json);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }
}
