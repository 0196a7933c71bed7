package com.tgm.erpsync.outbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Records an event to publish, in the caller's transaction: it reaches Kafka (through {@link
 * OutboxRelay}) if and only if that transaction commits.
 */
@ApplicationScoped
public class Outbox {

  /**
   * Class id of the per-key advisory locks (two-int key space, apart from the relay's lock). The
   * lock makes transactions that publish for the same key commit in the order of their rows' ids,
   * so the relay, which reads in id order, publishes them in commit order.
   */
  static final int KEY_LOCK_CLASS = 0x4f42_4b59; // "OBKY"

  /**
   * The key includes the service's schema ({@code current_schema()}, first on its search path,
   * where its {@code outbox_event} lives), so services sharing one database never wait for each
   * other's keys. A hash collision would only serialise two unrelated transactions.
   */
  static final String LOCK_KEY =
      "SELECT pg_advisory_xact_lock(?, hashtext(current_schema() || chr(31) || ? || chr(31) || ?))";

  private static final String INSERT =
      "INSERT INTO outbox_event (topic, message_key, payload) VALUES (?, ?, ?)";

  private static final String PENDING =
      "SELECT 1 FROM outbox_event WHERE topic = ? AND message_key = ? LIMIT 1";

  private final AgroalDataSource dataSource;

  public Outbox(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Appends an event for {@code topic} with record key {@code key}; a {@code null} payload is a
   * tombstone. Must run inside a transaction: outside one it throws, since the event could
   * otherwise be published for a change that never commits.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void append(String topic, String key, String payloadOrNullForTombstone) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(key, "key");
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement lock = connection.prepareStatement(LOCK_KEY)) {
        lock.setInt(1, KEY_LOCK_CLASS);
        lock.setString(2, topic);
        lock.setString(3, key);
        lock.execute();
      }
      try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
        insert.setString(1, topic);
        insert.setString(2, key);
        insert.setString(3, payloadOrNullForTombstone);
        insert.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("ERP outbox: could not append an event for " + topic, e);
    }
  }

  /** Whether events for {@code key} on {@code topic} are committed but not relayed yet. */
  public boolean hasPending(String topic, String key) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(PENDING)) {
      select.setString(1, topic);
      select.setString(2, key);
      try (ResultSet result = select.executeQuery()) {
        return result.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("ERP outbox: could not read pending events for " + topic, e);
    }
  }
}
