package com.tgm.erpsync.system;

import static com.tgm.erpsync.system.RealtimeFixture.JSON;
import static com.tgm.erpsync.system.RealtimeFixture.QUIESCE;
import static com.tgm.erpsync.system.RealtimeFixture.assertEveryEventPublishedOnce;
import static com.tgm.erpsync.system.RealtimeFixture.connect;
import static com.tgm.erpsync.system.RealtimeFixture.connectorWrites;
import static com.tgm.erpsync.system.RealtimeFixture.erpKey;
import static com.tgm.erpsync.system.RealtimeFixture.keys;
import static com.tgm.erpsync.system.RealtimeFixture.sandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.sandbox.core.SapSandbox;
import com.tgm.erpsync.sandbox.core.journal.JournalEntry;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.RealInfrastructureExtension;
import com.tgm.erpsync.testsupport.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A record changed on both sides, through the real pipeline (capture, orchestrator, connector-sap,
 * the S/4HANA sandbox, its business events through webhook-gateway), for each conflict strategy:
 * settled by TGM_WINS, ERP_WINS, NEWEST_WINS and MERGE (disjoint fields), or parked in the MANUAL
 * queue (MERGE with overlapping fields, MANUAL) and resolved through the admin API, which writes
 * the chosen values to both sides.
 */
@ExtendWith(RealInfrastructureExtension.class)
class ConflictStrategiesIT {
  @Test
  void eachStrategySettlesARecordChangedOnBothSidesThroughTheRealPipeline(
      KafkaEndpoint kafka, TestDatabase database) throws Exception {
    try (SapStack stack = SapStack.startRealtime(kafka, database, "strategy-admin", 1)) {
      // TGM_WINS: SAP gets TGM's name
      try (Scenario s = Scenario.start(stack, "TGM_WINS")) {
        s.changeBoth(Map.of("EquipmentName", "SAP side"), "name = 'TGM side'");
        s.awaitSap("EquipmentName", "TGM side");
        assertThat(s.tgm("name")).isEqualTo("TGM side");
        s.quiet();
        // the write naming the version before SAP's change was refused; the settled one applied
        assertThat(s.writes()).anyMatch(write -> write.status() == 412);
        assertThat(s.appliedWrites()).isEqualTo(1);
        assertThat(s.openConflicts()).isZero();
      }
      // ERP_WINS: TGM gets SAP's name; SAP is not written (the stale write was refused)
      try (Scenario s = Scenario.start(stack, "ERP_WINS")) {
        s.changeBoth(Map.of("EquipmentName", "SAP side"), "name = 'TGM side'");
        s.awaitTgm("name", "SAP side");
        s.quiet();
        assertThat(s.sap("EquipmentName")).isEqualTo("SAP side");
        assertThat(s.appliedWrites()).isZero();
      }
      // NEWEST_WINS: TGM changed after SAP, so TGM's name wins
      try (Scenario s = Scenario.start(stack, "NEWEST_WINS")) {
        s.changeBoth(Map.of("EquipmentName", "SAP side"), "name = 'TGM side'");
        s.awaitSap("EquipmentName", "TGM side");
        assertThat(s.tgm("name")).isEqualTo("TGM side");
      }
      // MERGE, disjoint fields: each side takes the other's change, no conflict
      try (Scenario s = Scenario.start(stack, "MERGE")) {
        s.changeBoth(Map.of("ManufacturerName", "KSB"), "name = 'TGM side'");
        s.awaitSap("EquipmentName", "TGM side");
        s.awaitTgm("manufacturer", "KSB");
        assertThat(s.sap("ManufacturerName")).isEqualTo("KSB");
        assertThat(s.openConflicts()).isZero();
      }
      // MERGE, overlapping fields: parked; resolved with merged values written to both sides
      try (Scenario s = Scenario.start(stack, "MERGE")) {
        s.changeBoth(
            Map.of("EquipmentName", "SAP side", "ManufacturerName", "KSB"), "name = 'TGM side'");
        long conflict = s.awaitOpenConflict();
        JsonNode detail = s.conflict(conflict);
        assertThat(detail.path("conflictingFields").toString()).isEqualTo("[\"name\"]");
        assertThat(detail.path("tgmValues").path("name").asText()).isEqualTo("TGM side");
        assertThat(detail.path("erpValues").path("name").asText()).isEqualTo("SAP side");
        s.quiet();
        assertThat(s.appliedWrites()).isZero();
        assertThat(s.tgm("name")).isEqualTo("TGM side");

        JsonNode resolved =
            s.resolve(conflict, "{\"resolution\": \"MERGED\", \"values\": {\"name\": \"Agreed\"}}");
        assertThat(resolved.path("status").asText()).isEqualTo("RESOLVED");
        s.awaitSap("EquipmentName", "Agreed");
        s.awaitTgm("name", "Agreed");
        assertThat(s.sap("ManufacturerName")).isEqualTo("KSB");
        assertThat(s.tgm("manufacturer")).isEqualTo("KSB");
        s.quiet();
        assertThat(s.appliedWrites()).isEqualTo(1);
      }
      // MANUAL: parked; resolved with SAP's values, written to TGM only
      try (Scenario s = Scenario.start(stack, "MANUAL")) {
        s.changeBoth(Map.of("EquipmentName", "SAP side"), "name = 'TGM side'");
        long conflict = s.awaitOpenConflict();
        s.resolve(conflict, "{\"resolution\": \"ERP\"}");
        s.awaitTgm("name", "SAP side");
        s.quiet();
        assertThat(s.appliedWrites()).isZero();
        assertThat(s.sap("EquipmentName")).isEqualTo("SAP side");
      }
    }
  }

  /** One strategy's record: its own sandbox, connection and mapping, synced once. */
  private static final class Scenario implements AutoCloseable {
    private static final int RECORDS = 20;

    final SapStack stack;
    final SapSandbox sandbox;
    final long connectionId;
    final String key;
    final long unit;

    private Scenario(SapStack stack, SapSandbox sandbox, long connectionId, String key)
        throws Exception {
      this.stack = stack;
      this.sandbox = sandbox;
      this.connectionId = connectionId;
      this.key = key;
      this.unit =
          stack.count(
              "SELECT tgm_id FROM orchestrator.sync_ledger WHERE connection_id = ?"
                  + " AND erp_key::jsonb @> CAST(? AS jsonb)",
              connectionId,
              erpKey(key));
    }

    static Scenario start(SapStack stack, String strategy) throws Exception {
      SapSandbox sandbox = sandbox(RECORDS);
      long connectionId = connect(stack, sandbox, strategy, RECORDS);
      return new Scenario(stack, sandbox, connectionId, keys(sandbox, RECORDS).get(7));
    }

    /**
     * SAP changes first, unannounced (no business event: the ERP's webhook is late or lost), then
     * TGM: its write names the version before the SAP change, is refused, and the record is fetched
     * and settled.
     */
    void changeBoth(Map<String, Object> sap, String tgmAssignments) throws Exception {
      sandbox.journal().clear();
      sandbox.store("Equipment").update(key, sap, false, new ArrayList<>());
      stack.update("UPDATE tgm.unit SET " + tgmAssignments + " WHERE id = ?", unit);
    }

    String sap(String field) {
      return String.valueOf(sandbox.store("Equipment").get(key).orElseThrow().get(field));
    }

    String tgm(String field) throws Exception {
      String column = field.equals("name") ? "name" : "manufacturer";
      return stack.strings("SELECT " + column + " FROM tgm.unit WHERE id = ?", unit).get(0);
    }

    void awaitSap(String field, String value) {
      await("SAP " + field + " = " + value)
          .atMost(QUIESCE)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> value.equals(sap(field)));
    }

    void awaitTgm(String field, String value) {
      await("TGM " + field + " = " + value)
          .atMost(QUIESCE)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> value.equals(tgm(field)));
    }

    /** Writes the connector sent since the change, whatever SAP answered. */
    List<JournalEntry> writes() {
      return connectorWrites(sandbox, false);
    }

    long appliedWrites() {
      return connectorWrites(sandbox).size();
    }

    long openConflicts() throws Exception {
      return stack.count(
          "SELECT count(*) FROM orchestrator.sync_conflict WHERE connection_id = ?"
              + " AND status = 'OPEN'",
          connectionId);
    }

    long awaitOpenConflict() throws Exception {
      await("an open conflict")
          .atMost(QUIESCE)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> openConflicts() == 1);
      JsonNode listed =
          JSON.readTree(
              stack
                  .send(
                      "GET",
                      "/api/admin/erp/conflicts?status=OPEN&connectionId=" + connectionId,
                      null)
                  .body());
      assertThat(listed).hasSize(1);
      return listed.get(0).path("id").asLong();
    }

    JsonNode conflict(long id) throws Exception {
      HttpResponse<String> answer = stack.send("GET", "/api/admin/erp/conflicts/" + id, null);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      return JSON.readTree(answer.body());
    }

    JsonNode resolve(long id, String body) throws Exception {
      HttpResponse<String> answer =
          stack.send("POST", "/api/admin/erp/conflicts/" + id + "/resolve", body);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      return JSON.readTree(answer.body());
    }

    /** Lets whatever is still under way land. */
    void quiet() throws InterruptedException {
      Thread.sleep(3_000);
    }

    /**
     * The business events of the scenario's writes were published by the gateway once each; then
     * the connection goes: the next scenario's TGM changes are none of its business.
     */
    @Override
    public void close() throws Exception {
      assertEveryEventPublishedOnce(stack, sandbox, connectionId);
      sandbox.unsubscribeEvents();
      HttpResponse<String> deleted =
          stack.send("DELETE", "/api/admin/erp/connections/" + connectionId, null);
      assertThat(deleted.statusCode()).as(deleted.body()).isBetween(200, 204);
      // and its units: the next scenario's full sync would send them to its own SAP
      stack.update(
          "DELETE FROM tgm.unit WHERE id IN (SELECT tgm_id FROM orchestrator.sync_ledger"
              + " WHERE connection_id = ?)",
          connectionId);
      sandbox.close();
    }
  }
}
