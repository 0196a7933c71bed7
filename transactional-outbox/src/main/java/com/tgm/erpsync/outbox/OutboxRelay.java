package com.tgm.erpsync.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Moves committed outbox rows to Kafka, at least once and in id order. One background thread relays
 * a batch per short database transaction: it takes an advisory lock so that one replica relays at a
 * time, sends the batch, waits for every acknowledgement, deletes exactly the rows it sent and
 * commits. Any failure rolls the transaction back, so the rows stay and the whole batch is sent
 * again after a backoff: a consumer may see a record twice, never miss one.
 */
@ApplicationScoped
public class OutboxRelay {

  /** Class id of the advisory lock held by the replica that relays (two-int key space). */
  static final int RELAY_LOCK_CLASS = 0x4f42_524c; // "OBRL"

  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

  /**
   * One relay per outbox table, not per database: the lock names the service's schema ({@code
   * current_schema()}, where its {@code outbox_event} lives), so the relays of services sharing one
   * database run side by side. A hash collision would only make two relays take turns.
   */
  static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(?, hashtext(current_schema()))";

  private static final String SELECT_BATCH =
      "SELECT id, topic, message_key, payload FROM outbox_event ORDER BY id LIMIT ?";
  // by id, never by range: a lower id may belong to a transaction that commits only later
  private static final String DELETE_SENT = "DELETE FROM outbox_event WHERE id = ANY (?)";

  private final AgroalDataSource dataSource;
  private final OutboxConfig config;
  private final Map<String, Object> kafkaConfig;
  private final CountDownLatch stopping = new CountDownLatch(1);

  private Thread worker;
  private KafkaProducer<String, String> producer; // used by the worker thread only

  public OutboxRelay(
      AgroalDataSource dataSource,
      OutboxConfig config,
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
    this.dataSource = dataSource;
    this.config = config;
    this.kafkaConfig = kafkaConfig;
  }

  synchronized void start(@Observes StartupEvent event) {
    if (worker != null) {
      return;
    }
    worker = new Thread(this::run, "erp-outbox-relay");
    worker.setDaemon(true);
    worker.start();
    Log.infof(
        "ERP outbox relay started (poll every %d ms, batches of up to %d)",
        config.pollInterval().toMillis(), batchSize());
  }

  synchronized void stop(@Observes ShutdownEvent event) {
    stopping.countDown();
    if (worker == null) {
      return;
    }
    try {
      // a batch in flight finishes (or times out) and commits; the rows of any other are kept
      worker.join(config.sendTimeout().plusSeconds(5).toMillis());
      if (worker.isAlive()) {
        worker.interrupt();
        worker.join(TimeUnit.SECONDS.toMillis(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Log.info("ERP outbox relay stopped");
  }

  private void run() {
    Duration backoff = FIRST_BACKOFF;
    int failures = 0;
    try {
      while (stopping.getCount() > 0) {
        Duration pause;
        try {
          int relayed = relayBatch();
          if (failures > 0) {
            Log.infof("ERP outbox relay recovered after %d failed attempt(s)", failures);
            failures = 0;
            backoff = FIRST_BACKOFF;
          }
          // a full batch means more may be waiting: go on at once
          pause = relayed >= batchSize() ? Duration.ZERO : config.pollInterval();
        } catch (RuntimeException e) {
          failures++;
          closeProducer();
          Log.warnf(
              "ERP outbox relay failed (attempt %d), the events stay in the outbox; retrying in"
                  + " %d ms: %s",
              failures, backoff.toMillis(), describe(e));
          pause = backoff;
          backoff = min(backoff.multipliedBy(2), config.maxBackoff());
        }
        if (!pause.isZero() && stopping.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeProducer();
    }
  }

  /** Relays one batch in one transaction; returns how many rows were sent and deleted. */
  int relayBatch() {
    int timeoutSeconds = (int) config.sendTimeout().multipliedBy(2).plusSeconds(30).toSeconds();
    return QuarkusTransaction.requiringNew()
        .timeout(timeoutSeconds)
        .call(
            () -> {
              try (Connection connection = dataSource.getConnection()) {
                if (!tryRelayLock(connection)) {
                  return 0; // another replica is relaying
                }
                List<OutboxRow> rows = readBatch(connection);
                if (rows.isEmpty()) {
                  return 0;
                }
                sendAndAwait(rows);
                deleteSent(connection, rows);
                Log.debugf("ERP outbox relayed %d event(s)", rows.size());
                return rows.size();
              }
            });
  }

  private static boolean tryRelayLock(Connection connection) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement(TRY_LOCK)) {
      lock.setInt(1, RELAY_LOCK_CLASS);
      try (ResultSet result = lock.executeQuery()) {
        return result.next() && result.getBoolean(1);
      }
    }
  }

  private List<OutboxRow> readBatch(Connection connection) throws SQLException {
    List<OutboxRow> rows = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(SELECT_BATCH)) {
      select.setInt(1, batchSize());
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          rows.add(
              new OutboxRow(
                  result.getLong(1),
                  result.getString(2),
                  result.getString(3),
                  result.getString(4)));
        }
      }
    }
    return rows;
  }

  private void sendAndAwait(List<OutboxRow> rows) throws InterruptedException {
    KafkaProducer<String, String> kafka = producer();
    List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
    AtomicReference<Exception> refused = new AtomicReference<>();
    for (OutboxRow row : rows) {
      // a refused send (e.g. no metadata for its topic) fails its successors too: stop early
      if (refused.get() != null) {
        throw new OutboxSendException(
            "Kafka did not accept outbox events before " + row.id() + " for " + row.topic(),
            refused.get());
      }
      acks.add(
          kafka.send(
              new ProducerRecord<>(row.topic(), row.key(), row.payload()),
              (metadata, error) -> {
                if (error != null) {
                  refused.compareAndSet(null, error);
                }
              }));
    }
    long deadline = System.nanoTime() + config.sendTimeout().plusSeconds(5).toNanos();
    for (int i = 0; i < acks.size(); i++) {
      try {
        acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        OutboxRow row = rows.get(i);
        throw new OutboxSendException(
            "Kafka did not accept outbox event " + row.id() + " for " + row.topic(), e.getCause());
      } catch (TimeoutException e) {
        OutboxRow row = rows.get(i);
        throw new OutboxSendException(
            "no acknowledgement for outbox event " + row.id() + " for " + row.topic(), e);
      }
    }
  }

  private static void deleteSent(Connection connection, List<OutboxRow> rows) throws SQLException {
    Long[] ids = rows.stream().map(OutboxRow::id).toArray(Long[]::new);
    try (PreparedStatement delete = connection.prepareStatement(DELETE_SENT)) {
      Array idArray = connection.createArrayOf("bigint", ids);
      delete.setArray(1, idArray);
      int deleted = delete.executeUpdate();
      if (deleted != ids.length) {
        // only this replica deletes while it holds the lock: anything else is a bug, so roll back
        throw new IllegalStateException(
            "ERP outbox: deleted " + deleted + " of " + ids.length + " relayed rows");
      }
    }
  }

  private KafkaProducer<String, String> producer() {
    if (producer == null) {
      producer = new KafkaProducer<>(producerSettings());
    }
    return producer;
  }

  Map<String, Object> producerSettings() {
    return KafkaClientSettings.producer(kafkaConfig, config.sendTimeout(), "erp-outbox-relay");
  }

  private void closeProducer() {
    if (producer != null) {
      try {
        // in-flight sends of a failed batch are abandoned: the batch is sent again anyway
        producer.close(Duration.ZERO);
      } catch (RuntimeException e) {
        Log.debugf("ERP outbox relay: closing the Kafka producer failed: %s", describe(e));
      }
      producer = null;
    }
  }

  /** Exception classes and messages along the cause chain; never a payload. */
  private static String describe(Throwable error) {
    StringBuilder text = new StringBuilder();
    Throwable e = error;
    for (int depth = 0; e != null && depth < 5; depth++) {
      if (!text.isEmpty()) {
        text.append(" <- ");
      }
      text.append(e.getClass().getSimpleName());
      if (e.getMessage() != null) {
        text.append(": ").append(e.getMessage());
      }
      e = e.getCause() == e ? null : e.getCause();
    }
    return text.toString();
  }

  private int batchSize() {
    return Math.max(1, config.batchSize());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private record OutboxRow(long id, String topic, String key, String payload) {}

  /** Kafka did not acknowledge a relayed event in time; the batch is rolled back and retried. */
  static final class OutboxSendException extends RuntimeException {
    OutboxSendException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
