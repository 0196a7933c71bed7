package com.tgm.erpsync.orchestrator.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.change.TgmRecordChanged;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TopicProbe;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
class CaptureResilienceTest {
  private static final Logger LOG = Logger.getLogger(CaptureResilienceTest.class);
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final long MIB = 1L << 20;

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
  void resumesFromStoredOffsetsAfterRestartWithoutLossOrDuplicates() throws Exception {
    String slot = fixture.newSlot();
    TgmChangeCapture first = fixture.streaming(slot, Duration.ofSeconds(10));
    List<String> keys = new ArrayList<>();
    keys.add(key(fixture.insertCompany("Before the stop")));
    changes.await(r -> r.key().equals(keys.get(0)), WAIT);
    first.close();

    // written while nobody captures: the slot keeps them, the stored offsets say where to go on
    try (Connection jdbc = fixture.connect()) {
      for (int i = 0; i < 5; i++) {
        keys.add(key(fixture.insertCompany(jdbc, "While stopped " + i)));
      }
    }
    TgmChangeCapture second = fixture.capture(slot, slot + "-b", Duration.ofSeconds(10));
    second.start();
    keys.add(key(fixture.insertCompany("After the restart")));

    changes.awaitCount(r -> r.key().equals(keys.get(keys.size() - 1)), 1, WAIT);
    List<ConsumerRecord<String, String>> seen =
        changes.drain(r -> keys.contains(r.key()), Duration.ofSeconds(2));
    // exactly once each after a clean stop (the partitions of tgm.changes keep no order across
    // keys)
    assertThat(seen).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(keys);
  }

  @Test
  void standbyTakesOverWithinThirtySecondsWhenTheLeaderDies() throws Exception {
    String slot = fixture.newSlot();
    TgmChangeCapture a = fixture.capture(slot, slot + "-a", Duration.ofSeconds(10));
    TgmChangeCapture b = fixture.capture(slot, slot + "-b", Duration.ofSeconds(10));
    a.start();
    b.start();
    CaptureFixture.awaitTrue(
        () -> a.streaming() || b.streaming(), Duration.ofSeconds(30), "one capture streams");
    TgmChangeCapture leader = a.streaming() ? a : b;
    TgmChangeCapture standby = leader == a ? b : a;
    Thread.sleep(1_500); // three more elections: the standby stays one
    assertThat(leader.role()).isEqualTo(CaptureRole.LEADER);
    assertThat(standby.role()).isEqualTo(CaptureRole.STANDBY);
    assertThat(standby.streaming()).isFalse();

    List<String> keys = new ArrayList<>();
    keys.add(key(fixture.insertCompany("While both run")));
    changes.await(r -> r.key().equals(keys.get(0)), WAIT);

    // the leader's process dies: PostgreSQL ends its sessions (lock and walsender) at once
    long killedAt = System.nanoTime();
    try (Connection jdbc = fixture.connect();
        PreparedStatement kill =
            jdbc.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?"
                    + " UNION ALL SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots"
                    + " WHERE slot_name = ? AND active_pid IS NOT NULL")) {
      kill.setString(1, leader.applicationName());
      kill.setString(2, slot);
      kill.executeQuery().close();
    }
    leader.close();
    try (Connection jdbc = fixture.connect()) {
      for (int i = 0; i < 5; i++) {
        keys.add(key(fixture.insertCompany(jdbc, "During the takeover " + i)));
      }
    }

    CaptureFixture.awaitTrue(
        standby::streaming, Duration.ofSeconds(30), "the standby streams in the leader's place");
    long takeoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
    LOG.infof("standby took over %d ms after the leader died", takeoverMillis);
    assertThat(standby.role()).isEqualTo(CaptureRole.LEADER);
    keys.add(key(fixture.insertCompany("After the takeover")));

    changes.await(r -> r.key().equals(keys.get(keys.size() - 1)), Duration.ofSeconds(30));
    List<ConsumerRecord<String, String>> seen =
        changes.drain(r -> keys.contains(r.key()), Duration.ofSeconds(1));
    // every change once at least (a batch the dead leader published but did not store may repeat)
    assertThat(seen.stream().map(ConsumerRecord::key).collect(Collectors.toSet()))
        .isEqualTo(Set.copyOf(keys));
  }

  @Test
  void heartbeatsKeepAQuietSlotFromHoldingBackTheWal() throws Exception {
    try (Connection jdbc = fixture.connect();
        Statement sql = jdbc.createStatement()) {
      sql.execute("CREATE TABLE IF NOT EXISTS public.capture_scratch (id BIGSERIAL, pad TEXT)");
    }
    String beating = fixture.newSlot();
    String stopped = fixture.newSlot();
    fixture.streaming(beating, Duration.ofMillis(200));
    // the control: a slot whose capture is stopped confirms nothing, so it keeps every byte
    fixture.streaming(stopped, Duration.ofMillis(200)).close();

    // a long quiet stretch of the tgm tables while the rest of the database writes 32 MiB of WAL
    long written = writeWal(32 * MIB);

    CaptureFixture.awaitTrue(
        () -> lag(beating) < MIB, Duration.ofSeconds(20), "the heartbeat slot confirms the WAL");
    long[] beatingLag = fixture.slotLag(beating);
    long[] stoppedLag = fixture.slotLag(stopped);
    LOG.infof(
        "wrote %d bytes of WAL; capturing: lag %d retained %d; stopped: lag %d retained %d",
        written, beatingLag[0], beatingLag[1], stoppedLag[0], stoppedLag[1]);
    // with a heartbeat every 200 ms the confirmed position trails the WAL by what one interval
    // writes once the writes stop (a few hundred bytes here); a MiB leaves room for the server's
    // own background WAL and is still 32 times less than was written
    assertThat(beatingLag[0]).isLessThan(MIB);
    assertThat(stoppedLag[0]).isGreaterThanOrEqualTo(written);

    // retained WAL follows once PostgreSQL records a new restart point (at the latest at its next
    // checkpoint): force one, and the capturing slot keeps almost nothing while the stopped one
    // still keeps everything that was written
    try (Connection jdbc = fixture.connect();
        Statement sql = jdbc.createStatement()) {
      sql.execute("CHECKPOINT");
    }
    CaptureFixture.awaitTrue(
        () -> retained(beating) < 4 * MIB,
        Duration.ofSeconds(20),
        "the heartbeat slot releases the WAL");
    assertThat(fixture.slotLag(stopped)[1]).isGreaterThanOrEqualTo(written);
  }

  private long writeWal(long bytes) throws Exception {
    try (Connection jdbc = fixture.connect();
        Statement sql = jdbc.createStatement()) {
      long start = walPosition(sql);
      while (walPosition(sql) - start < bytes) {
        sql.executeUpdate(
            "INSERT INTO public.capture_scratch (pad)"
                + " SELECT repeat(md5(g::text), 16) FROM generate_series(1, 5000) g");
      }
      return walPosition(sql) - start;
    }
  }

  private static long walPosition(Statement sql) throws Exception {
    try (var row =
        sql.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint")) {
      row.next();
      return row.getLong(1);
    }
  }

  private long lag(String slot) {
    try {
      return fixture.slotLag(slot)[0];
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private long retained(String slot) {
    try {
      return fixture.slotLag(slot)[1];
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String key(long companyId) {
    return Topics.tgmRecordKey(EntityType.COMPANY, companyId);
  }

  static TgmRecordChanged change(ConsumerRecord<String, String> record) {
    return CaptureFixture.read(record.value());
  }
}
