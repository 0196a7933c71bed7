package com.tgm.erpsync.orchestrator.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.tgm.erpsync.contracts.change.TgmRecordChanged;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Captures of a test on the test class's database, each pair on a slot of its own, against the real
 * broker; slots are dropped afterwards so the shared server does not keep their WAL.
 */
final class CaptureFixture implements AutoCloseable {
  static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  final String jdbcUrl =
      ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
  final String user =
      ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
  final String password =
      ConfigProvider.getConfig().getValue("quarkus.datasource.password", String.class);
  final ChangePublisher publisher =
      new ChangePublisher(
          Map.of("bootstrap.servers", TestInfrastructure.kafka().bootstrapServers()));
  private final List<TgmChangeCapture> captures = new ArrayList<>();
  private final List<String> slots = new ArrayList<>();

  String newSlot() {
    String slot = "cap_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    slots.add(slot);
    return slot;
  }

  /** Drops this slot too when closing (a slot the service under test created). */
  void track(String slot) {
    slots.add(slot);
  }

  TgmChangeCapture capture(String slot, String instance, Duration heartbeat) {
    CaptureSettings settings =
        new CaptureSettings(
            jdbcUrl,
            user,
            password,
            slot,
            slot,
            Duration.ofMillis(500),
            heartbeat,
            256L << 20,
            Map.of("bootstrap.servers", TestInfrastructure.kafka().bootstrapServers()),
            instance);
    TgmChangeCapture capture = new TgmChangeCapture(settings, publisher);
    captures.add(capture);
    return capture;
  }

  /** Starts a capture and waits until it streams: changes from then on are captured. */
  TgmChangeCapture streaming(String slot, Duration heartbeat) {
    TgmChangeCapture capture = capture(slot, slot + "-a", heartbeat);
    capture.start();
    awaitTrue(capture::streaming, Duration.ofSeconds(30), "capture of " + slot + " streams");
    return capture;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }

  long insertCompany(Connection jdbc, String name) throws SQLException {
    try (PreparedStatement insert =
        jdbc.prepareStatement("INSERT INTO tgm.company (name) VALUES (?) RETURNING id")) {
      insert.setString(1, name);
      try (ResultSet row = insert.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  long insertCompany(String name) throws SQLException {
    try (Connection jdbc = connect()) {
      return insertCompany(jdbc, name);
    }
  }

  /** The slot's confirmed and retained lag in bytes, read directly. */
  long[] slotLag(String slot) throws SQLException {
    try (Connection jdbc = connect();
        PreparedStatement select =
            jdbc.prepareStatement(
                "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint,"
                    + " pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint"
                    + " FROM pg_replication_slots WHERE slot_name = ?")) {
      select.setString(1, slot);
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).as("slot %s exists", slot).isTrue();
        return new long[] {row.getLong(1), row.getLong(2)};
      }
    }
  }

  static TgmRecordChanged read(String json) {
    try {
      return JSON.readValue(json, TgmRecordChanged.class);
    } catch (Exception e) {
      throw new AssertionError("not a TgmRecordChanged: " + json, e);
    }
  }

  static void awaitTrue(BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  @Override
  public void close() throws Exception {
    captures.forEach(TgmChangeCapture::close);
    publisher.close();
    try (Connection jdbc = connect();
        Statement statement = jdbc.createStatement()) {
      for (String slot : slots) {
        statement.execute(
            "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots"
                + " WHERE slot_name = '"
                + slot
                + "' AND active_pid IS NOT NULL");
        awaitTrue(() -> inactive(slot), Duration.ofSeconds(10), "slot " + slot + " is released");
        statement.execute(
            "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                + " WHERE slot_name = '"
                + slot
                + "'");
      }
    }
  }

  private boolean inactive(String slot) {
    try (Connection jdbc = connect();
        PreparedStatement select =
            jdbc.prepareStatement(
                "SELECT count(*) FROM pg_replication_slots WHERE slot_name = ? AND active")) {
      select.setString(1, slot);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1) == 0;
      }
    } catch (SQLException e) {
      return false;
    }
  }
}
