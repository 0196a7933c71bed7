package com.tgm.erpsync.system;

import static com.tgm.erpsync.system.RealtimeFixture.JSON;
import static com.tgm.erpsync.system.RealtimeFixture.assertEveryEventPublishedOnce;
import static com.tgm.erpsync.system.RealtimeFixture.awaitBothSidesHold;
import static com.tgm.erpsync.system.RealtimeFixture.connect;
import static com.tgm.erpsync.system.RealtimeFixture.connectorWrites;
import static com.tgm.erpsync.system.RealtimeFixture.erpKey;
import static com.tgm.erpsync.system.RealtimeFixture.keys;
import static com.tgm.erpsync.system.RealtimeFixture.read;
import static com.tgm.erpsync.system.RealtimeFixture.sandbox;
import static com.tgm.erpsync.system.RealtimeFixture.syncedFrom;
import static com.tgm.erpsync.system.RealtimeFixture.userWrites;
import static org.assertj.core.api.Assertions.assertThat;

import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.sandbox.core.SapSandbox;
import com.tgm.erpsync.sandbox.core.journal.JournalEntry;
import com.tgm.erpsync.sandbox.core.server.BusinessEvents;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.RealInfrastructureExtension;
import com.tgm.erpsync.testsupport.TestDatabase;
import com.tgm.erpsync.testsupport.TopicProbe;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two-way sync in realtime against the S/4HANA sandbox, every service packaged in its own JVM with
 * change capture of the TGM tables on: 1,000 changes, half made in TGM (reaching SAP through
 * Debezium), half made in SAP by a person (reaching TGM through business events the sandbox
 * delivers to webhook-gateway, which publishes them on erp.changes). Each change crosses at most
 * once and stops: no value comes back to the side it was made on, none is written twice, both sides
 * end equal, every success the REALTIME jobs count is one of the writes seen, and every business
 * event SAP raised was published by the gateway once.
 */
@ExtendWith(RealInfrastructureExtension.class)
class TwoWaySyncIT {
  @Test
  void thousandMixedChangesEachReachTheOtherSideOnceAndStop(
      KafkaEndpoint kafka, TestDatabase database) throws Exception {
    int records = 200;
    int changes = 1_000;
    try (SapSandbox sandbox = sandbox(records);
        SapStack stack = SapStack.startRealtime(kafka, database, "two-way-admin", 1)) {
      long connectionId = connect(stack, sandbox, "ERP_WINS", records);
      List<String> keys = keys(sandbox, records);
      SapUser user = new SapUser(sandbox.baseUri());
      sandbox.journal().clear();
      long eventsBefore = sandbox.eventDeliveries().emitted();

      Map<String, String> last = new HashMap<>();
      Set<String> tgmValues = new HashSet<>();
      Set<String> sapValues = new HashSet<>();
      List<ConsumerRecord<String, String>> captured;
      try (TopicProbe capture = TopicProbe.open(kafka, Topics.TGM_CHANGES)) {
        // one record is changed on one side only (even: TGM, odd: SAP), every 200th change
        for (int i = 0; i < changes; i++) {
          int record = i % records;
          String key = keys.get(record);
          if (record % 2 == 0) {
            String value = "T" + i;
            stack.update(
                "UPDATE tgm.unit SET name = ? WHERE id = (SELECT tgm_id FROM"
                    + " orchestrator.sync_ledger WHERE connection_id = ? AND erp_key::jsonb @>"
                    + " CAST(? AS jsonb))",
                value,
                connectionId,
                erpKey(key));
            tgmValues.add(value);
            last.put(key, value);
          } else {
            String value = "S" + i;
            user.change(key, Map.of("EquipmentName", value));
            sapValues.add(value);
            last.put(key, value);
          }
          Thread.sleep(40); // 25 changes a second
        }
        awaitBothSidesHold(stack, sandbox, connectionId, last);
        Thread.sleep(5_000); // quiet: anything still bouncing would show now
        awaitBothSidesHold(stack, sandbox, connectionId, last);
        captured =
            capture.drain(
                r -> r.key() != null && r.key().startsWith("UNIT:"), Duration.ofSeconds(10));
      }

      // SAP: only values made in TGM, each written at most once (no echo of a SAP change, no
      // duplicate); a record's changes may go out as one write of its latest state when they
      // follow each other faster than the round trip
      List<JournalEntry> writes = connectorWrites(sandbox);
      Set<String> written = new HashSet<>();
      for (JournalEntry write : writes) {
        String value = JSON.readTree(write.body()).path("EquipmentName").asText();
        assertThat(value).startsWith("T");
        assertThat(written.add(value)).as("written once: " + value).isTrue();
      }
      assertThat(tgmValues).containsAll(written);
      assertThat(userWrites(sandbox)).hasSize(changes / 2);

      // TGM: the test's 500 updates, and sync's writes: only values made in SAP, each once
      long byTest = captured.stream().filter(r -> syncedFrom(r) == null).count();
      List<String> bySync =
          captured.stream()
              .filter(r -> Long.valueOf(connectionId).equals(syncedFrom(r)))
              .map(r -> read(r.value()).path("values").path("name").asText())
              .toList();
      assertThat(byTest).isEqualTo(changes / 2);
      assertThat(bySync).doesNotHaveDuplicates().allMatch(value -> value.startsWith("S"));
      assertThat(sapValues).containsAll(bySync);
      assertThat(captured).hasSize(changes / 2 + bySync.size());

      // the REALTIME jobs: every success is one of those writes, nothing failed
      assertThat(
              stack.count(
                  "SELECT sum(success_count) FROM orchestrator.sync_job"
                      + " WHERE connection_id = ? AND job_type = 'REALTIME'",
                  connectionId))
          .isEqualTo(writes.size() + bySync.size());
      assertThat(
              stack.count(
                  "SELECT sum(error_count) FROM orchestrator.sync_job"
                      + " WHERE connection_id = ? AND job_type = 'REALTIME'",
                  connectionId))
          .isZero();

      // the gateway: one business event per write SAP applied (the person's and the connector's),
      // each delivered by the sandbox and published once
      BusinessEvents.Deliveries events =
          assertEveryEventPublishedOnce(stack, sandbox, connectionId);
      assertThat(events.emitted() - eventsBefore).isEqualTo(changes / 2 + writes.size());
      System.out.printf(
          "two-way: %d TGM changes gave %d SAP writes, %d SAP changes gave %d TGM writes;"
              + " business events %s, %.0f duplicate(s) at the gateway%n",
          changes / 2,
          writes.size(),
          changes / 2,
          bySync.size(),
          events,
          stack.gatewayCounter("tgm_webhook_events_duplicates_total", connectionId));
    }
  }
}
