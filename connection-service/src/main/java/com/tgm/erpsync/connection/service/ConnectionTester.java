package com.tgm.erpsync.connection.service;

import com.tgm.erpsync.connection.audit.AuditTrail;
import com.tgm.erpsync.connection.messaging.ConnectorExchange;
import com.tgm.erpsync.connection.repository.ConnectionEntity;
import com.tgm.erpsync.connection.repository.ConnectionRepository;
import com.tgm.erpsync.contracts.ErpFamily;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.command.TestConnection;
import com.tgm.erpsync.contracts.result.ConnectionTested;
import com.tgm.erpsync.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Tests a connection through the connector of its ERP family and records the outcome on the
 * connection (connectionStatus, lastTestedAt, lastError). Status is not configuration: recording it
 * neither bumps the version nor publishes a snapshot.
 */
@ApplicationScoped
public class ConnectionTester {
  /** Business events: the guide's "grep ErpSync logs/application.log" finds them. */
  private static final Logger LOG = Logger.getLogger("ErpSync.connection-test");

  public static final String CONNECTED = "CONNECTED";
  public static final String ERROR = "ERROR";

  private static final Duration OUTBOX_POLL = Duration.ofMillis(50);

  private final ConnectionService connections;
  private final ConnectionRepository repository;
  private final Outbox outbox;
  private final ConnectorExchange exchange;
  private final Duration timeout;
  private final AuditTrail audit;

  public ConnectionTester(
      AuditTrail audit,
      ConnectionService connections,
      ConnectionRepository repository,
      Outbox outbox,
      ConnectorExchange exchange,
      @ConfigProperty(name = "tgm.connection-test.timeout", defaultValue = "30s")
          Duration timeout) {
    this.audit = audit;
    this.connections = connections;
    this.repository = repository;
    this.outbox = outbox;
    this.exchange = exchange;
    this.timeout = timeout;
  }

  /** What a test found; {@code errorCode} is null on success and when no connector answered. */
  public record Outcome(
      ConnectionEntity connection,
      boolean success,
      String message,
      ErrorCode errorCode,
      Instant testedAt,
      Long latencyMs) {}

  public Outcome test(long connectionId) throws InterruptedException {
    ConnectionEntity connection = connections.get(connectionId);
    ErpFamily family = connection.erpType.family();
    if (!connection.enabled) {
      return new Outcome(
          connection,
          false,
          "Connection "
              + connectionId
              + " ("
              + connection.name
              + ") is disabled: enable it before testing it",
          ErrorCode.CONNECTION_DISABLED,
          Instant.now(),
          null);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    // the connector must see the configuration being tested: let the relay publish it first
    awaitPublished(connectionId, deadline);
    TestConnection command =
        new TestConnection(MessageMeta.create(UUID.randomUUID().toString()), connectionId);
    Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 0));
    LOG.infof(
        "ERP connection %d test sent to %s (correlation %s)",
        connectionId, family.commandTopic(), command.meta().correlationId());
    Optional<ConnectionTested> answer =
        exchange.testConnection(command, family.commandTopic(), left);
    Outcome outcome =
        answer
            .map(
                tested ->
                    new Outcome(
                        connection,
                        tested.success(),
                        tested.message(),
                        tested.errorCode(),
                        tested.testedAt() == null ? Instant.now() : tested.testedAt(),
                        tested.latencyMs()))
            .orElseGet(
                () ->
                    new Outcome(
                        connection,
                        false,
                        "No answer from the "
                            + family.vendor()
                            + " connector within "
                            + timeout.toSeconds()
                            + " s: the TestConnection command waits on "
                            + family.commandTopic()
                            + " for connector-"
                            + family.topicSuffix()
                            + ", which is not running or is busy. The connection was not tested.",
                        null,
                        Instant.now(),
                        null));
    record(connectionId, outcome);
    if (outcome.success()) {
      LOG.infof("ERP connection %d test succeeded: %s", connectionId, outcome.message());
    } else {
      LOG.warnf("ERP connection %d test failed: %s", connectionId, outcome.message());
    }
    return outcome;
  }

  private void record(long connectionId, Outcome outcome) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              ConnectionEntity connection = repository.findById(connectionId);
              if (connection == null) {
                return; // deleted while it was tested
              }
              Map<String, Object> before = status(connection);
              connection.connectionStatus = outcome.success() ? CONNECTED : ERROR;
              connection.lastTestedAt = outcome.testedAt();
              connection.lastError = outcome.success() ? null : outcome.message();
              audit.recordInTransaction(
                  connectionId, AuditTrail.diff(before, status(connection), Set.of()));
            });
  }

  private static Map<String, Object> status(ConnectionEntity connection) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("connectionStatus", connection.connectionStatus);
    status.put("lastTestedAt", connection.lastTestedAt);
    status.put("lastError", connection.lastError);
    return status;
  }

  private void awaitPublished(long connectionId, long deadline) throws InterruptedException {
    String key = Topics.connectionKey(connectionId);
    while (outbox.hasPending(Topics.CONNECTIONS, key) && System.nanoTime() < deadline) {
      Thread.sleep(OUTBOX_POLL.toMillis());
    }
  }
}
