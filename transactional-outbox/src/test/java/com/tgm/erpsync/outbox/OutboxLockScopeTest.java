package com.tgm.erpsync.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TopicProbe;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Services sharing one database each have an outbox in their own schema: the relay lock and the
 * per-key locks of one must never hold up the other's, while within one schema they still do.
 * Another service is played by a plain connection whose search path starts at its schema.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
class OutboxLockScopeTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String THIS_SCHEMA = "outbox_test";
  private static final String OTHER_SCHEMA = "another_service";

  @Inject Outbox outbox;
  @Inject AgroalDataSource dataSource;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String jdbcUrl;

  @ConfigProperty(name = "quarkus.datasource.username")
  String user;

  @ConfigProperty(name = "quarkus.datasource.password")
  String password;

  private final KafkaEndpoint kafka = TestInfrastructure.kafka();
  private TopicProbe published;

  @BeforeAll
  static void createTopic() {
    OutboxTest.createTestTopic(TestInfrastructure.kafka());
  }

  @BeforeEach
  void open() {
    published = TopicProbe.open(kafka, OutboxTest.TOPIC);
  }

  @AfterEach
  void close() {
    published.close();
  }

  @Test
  void relaysWhileAnotherSchemasRelayHoldsItsLock() throws Exception {
    String key = uniqueKey();
    try (Connection other = connectTo(OTHER_SCHEMA)) {
      assertThat(tryRelayLock(other)).isTrue();

      QuarkusTransaction.requiringNew().run(() -> outbox.append(OutboxTest.TOPIC, key, "{}"));

      published.await(r -> key.equals(r.key()), WAIT);
      other.rollback();
    }
  }

  @Test
  void holdsBackTheRelayWhileAReplicaOfTheSameServiceHoldsItsLock() throws Exception {
    String key = uniqueKey();
    try (Connection replica = connectTo(THIS_SCHEMA)) {
      // the relay itself may hold the lock for a moment: wait for our turn
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!tryRelayLock(replica)) {
        assertThat(System.nanoTime()).as("took the relay lock in time").isLessThan(deadline);
        replica.rollback();
        Thread.sleep(20);
      }

      QuarkusTransaction.requiringNew().run(() -> outbox.append(OutboxTest.TOPIC, key, "{}"));

      assertThat(published.drain(r -> key.equals(r.key()), Duration.ofSeconds(2))).isEmpty();
      assertThat(pendingRows(key)).isEqualTo(1);
      replica.rollback();
    }
    published.await(r -> key.equals(r.key()), WAIT);
  }

  @Test
  void appendsWhileAnotherSchemaHoldsTheSameTopicAndKey() throws Exception {
    String key = uniqueKey();
    try (Connection other = connectTo(OTHER_SCHEMA)) {
      lockKey(other, OutboxTest.TOPIC, key);

      CompletableFuture<Void> append = appendInBackground(key);

      append.get(10, TimeUnit.SECONDS);
      other.rollback();
    }
    published.await(r -> key.equals(r.key()), WAIT);
  }

  @Test
  void waitsForAnEarlierTransactionOfTheSameSchemaOnTheSameKey() throws Exception {
    String key = uniqueKey();
    try (Connection sameSchema = connectTo(THIS_SCHEMA)) {
      lockKey(sameSchema, OutboxTest.TOPIC, key);

      CompletableFuture<Void> append = appendInBackground(key);

      assertThatThrownBy(() -> append.get(1, TimeUnit.SECONDS))
          .isInstanceOf(TimeoutException.class);
      sameSchema.rollback();
      append.get(10, TimeUnit.SECONDS);
    }
    published.await(r -> key.equals(r.key()), WAIT);
  }

  private CompletableFuture<Void> appendInBackground(String key) {
    return CompletableFuture.runAsync(
        () ->
            QuarkusTransaction.requiringNew()
                .run(() -> outbox.append(OutboxTest.TOPIC, key, "{\"v\":1}")));
  }

  /** A transaction of its own whose search path starts at {@code schema}, like a service's. */
  private Connection connectTo(String schema) throws Exception {
    String separator = jdbcUrl.contains("?") ? "&" : "?";
    Connection connection =
        DriverManager.getConnection(
            jdbcUrl + separator + "currentSchema=" + schema, user, password);
    connection.setAutoCommit(false);
    return connection;
  }

  private static boolean tryRelayLock(Connection connection) throws Exception {
    try (PreparedStatement lock = connection.prepareStatement(OutboxRelay.TRY_LOCK)) {
      lock.setInt(1, OutboxRelay.RELAY_LOCK_CLASS);
      try (ResultSet result = lock.executeQuery()) {
        return result.next() && result.getBoolean(1);
      }
    }
  }

  private static void lockKey(Connection connection, String topic, String key) throws Exception {
    try (PreparedStatement lock = connection.prepareStatement(Outbox.LOCK_KEY)) {
      lock.setInt(1, Outbox.KEY_LOCK_CLASS);
      lock.setString(2, topic);
      lock.setString(3, key);
      lock.execute();
    }
  }

  private long pendingRows(String key) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement count =
            connection.prepareStatement(
                "SELECT count(*) FROM outbox_event WHERE message_key = ?")) {
      count.setString(1, key);
      try (ResultSet result = count.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  private static String uniqueKey() {
    return "lock-scope-" + UUID.randomUUID();
  }
}
