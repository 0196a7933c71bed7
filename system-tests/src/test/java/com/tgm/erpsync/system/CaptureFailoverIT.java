package com.tgm.erpsync.system;

import static com.tgm.erpsync.system.RealtimeFixture.JSON;
import static com.tgm.erpsync.system.RealtimeFixture.assertEveryEventPublishedOnce;
import static com.tgm.erpsync.system.RealtimeFixture.awaitBothSidesHold;
import static com.tgm.erpsync.system.RealtimeFixture.captureRole;
import static com.tgm.erpsync.system.RealtimeFixture.connect;
import static com.tgm.erpsync.system.RealtimeFixture.connectorWrites;
import static com.tgm.erpsync.system.RealtimeFixture.erpKey;
import static com.tgm.erpsync.system.RealtimeFixture.keys;
import static com.tgm.erpsync.system.RealtimeFixture.sandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.tgm.erpsync.sandbox.core.SapSandbox;
import com.tgm.erpsync.sandbox.core.journal.JournalEntry;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.RealInfrastructureExtension;
import com.tgm.erpsync.testsupport.ServiceProcess;
import com.tgm.erpsync.testsupport.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two sync-orchestrator replicas with change capture on: one captures, the other stands by. The
 * capturing one is killed (SIGKILL) during a stream of TGM changes; the other captures within 30
 * seconds from the committed offset, every change reaches SAP, none twice.
 */
@ExtendWith(RealInfrastructureExtension.class)
class CaptureFailoverIT {
  @Test
  void aSecondOrchestratorTakesOverCaptureWithinThirtySecondsAndNoChangeIsLostOrWrittenTwice(
      KafkaEndpoint kafka, TestDatabase database) throws Exception {
    int records = 100;
    try (SapSandbox sandbox = sandbox(records);
        SapStack stack = SapStack.startRealtime(kafka, database, "failover-admin", 2)) {
      long connectionId = connect(stack, sandbox, "ERP_WINS", records);
      List<String> keys = keys(sandbox, records);
      ServiceProcess leader = stack.orchestrators().get(0);
      ServiceProcess standby = stack.orchestrators().get(1);
      assertThat(captureRole(leader)).isEqualTo("LEADER");
      assertThat(captureRole(standby)).isEqualTo("STANDBY");
      sandbox.journal().clear();

      Map<String, String> last = new HashMap<>();
      Instant killedAt = null;
      Instant takenOverAt = null;
      for (int i = 0; i < 300; i++) {
        String key = keys.get(i % records);
        String value = "F" + i;
        stack.update(
            "UPDATE tgm.unit SET name = ? WHERE id = (SELECT tgm_id FROM orchestrator.sync_ledger"
                + " WHERE connection_id = ? AND erp_key::jsonb @> CAST(? AS jsonb))",
            value,
            connectionId,
            erpKey(key));
        last.put(key, value);
        if (i == 100) {
          stack.killOrchestrator(leader);
          killedAt = Instant.now();
        }
        if (killedAt != null && takenOverAt == null && "LEADER".equals(captureRole(standby))) {
          takenOverAt = Instant.now();
        }
        Thread.sleep(50);
      }
      if (takenOverAt == null) {
        await("the standby captures")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> "LEADER".equals(captureRole(standby)));
        takenOverAt = Instant.now();
      }
      assertThat(Duration.between(killedAt, takenOverAt)).isLessThan(Duration.ofSeconds(30));

      awaitBothSidesHold(stack, sandbox, connectionId, last);
      Thread.sleep(5_000);
      // every change reached SAP at most once; the latest of every record is there
      Map<String, Integer> perValue = new HashMap<>();
      for (JournalEntry write : connectorWrites(sandbox)) {
        String value = JSON.readTree(write.body()).path("EquipmentName").asText();
        perValue.merge(value, 1, Integer::sum);
      }
      assertThat(perValue.values()).allMatch(count -> count == 1);
      assertThat(perValue.keySet()).containsAll(last.values());
      assertThat(
              stack.count(
                  "SELECT sum(error_count) FROM orchestrator.sync_job"
                      + " WHERE connection_id = ? AND job_type = 'REALTIME'",
                  connectionId))
          .isZero();
      // the business events of the connector's writes reached the gateway and were published once
      assertEveryEventPublishedOnce(stack, sandbox, connectionId);
    }
  }
}
