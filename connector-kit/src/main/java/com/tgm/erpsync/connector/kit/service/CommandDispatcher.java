package com.tgm.erpsync.connector.kit.service;

import com.tgm.erpsync.connections.ConnectionTable;
import com.tgm.erpsync.connector.kit.config.ConnectorConfig;
import com.tgm.erpsync.connector.kit.messaging.ResultPublisher;
import com.tgm.erpsync.connector.kit.spi.ErpDialect;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.command.ConnectorCommand;
import com.tgm.erpsync.contracts.result.ConnectorResult;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Routes a command to the dialect of its connection's ERP and publishes what comes back. Every
 * command gets an answer: a command the connector cannot execute is answered with a failure that
 * says why, never dropped.
 */
@ApplicationScoped
public class CommandDispatcher {
  private final ConnectionTable connections;
  private final Instance<ErpDialect> dialects;
  private final ResultPublisher results;
  private final ConnectorConfig config;
  private final String connectorName;

  public CommandDispatcher(
      ConnectionTable connections,
      Instance<ErpDialect> dialects,
      ResultPublisher results,
      ConnectorConfig config,
      @ConfigProperty(name = "quarkus.application.name") String connectorName) {
    this.connections = connections;
    this.dialects = dialects;
    this.results = results;
    this.config = config;
    this.connectorName = connectorName;
  }

  public void dispatch(ConnectorCommand command) throws InterruptedException {
    results.publish(execute(command));
  }

  List<ConnectorResult> execute(ConnectorCommand command) throws InterruptedException {
    String kind = command.getClass().getSimpleName();
    if (!connections.awaitLoaded(config.connectionTableWait())) {
      return FailedResults.of(
          command,
          null,
          ErrorCode.ERP_UNAVAILABLE,
          connectorName + " has not loaded the connection table from erp.connections yet");
    }
    Optional<ConnectionSnapshot> found = connections.find(command.connectionId());
    if (found.isEmpty() || !found.get().enabled()) {
      found = findAfterCatchingUp(command, found);
    }
    if (found.isEmpty()) {
      Log.warnf("ERP %s for unknown connection %d refused", kind, command.connectionId());
      return FailedResults.of(
          command,
          null,
          ErrorCode.CONNECTION_UNKNOWN,
          "Connection "
              + command.connectionId()
              + " is unknown to "
              + connectorName
              + ": it has no configuration on erp.connections");
    }
    ConnectionSnapshot connection = found.get();
    if (!connection.enabled()) {
      return FailedResults.of(
          command,
          connection.erpType(),
          ErrorCode.CONNECTION_DISABLED,
          "Connection " + connection.id() + " (" + connection.name() + ") is disabled");
    }
    if (connection.erpType().family() != config.family()) {
      return FailedResults.of(
          command,
          connection.erpType(),
          ErrorCode.UNSUPPORTED_OPERATION,
          "Connection "
              + connection.id()
              + " is "
              + connection.erpType()
              + ", which "
              + connectorName
              + " does not serve");
    }
    Optional<ErpDialect> dialect =
        dialects.stream().filter(d -> d.erpTypes().contains(connection.erpType())).findFirst();
    if (dialect.isEmpty()) {
      return FailedResults.of(
          command,
          connection.erpType(),
          ErrorCode.UNSUPPORTED_OPERATION,
          connectorName + " has no dialect for " + connection.erpType().displayName());
    }
    try {
      return distinctMessages(dialect.get().execute(command, connection));
    } catch (RuntimeException e) {
      Log.errorf(e, "ERP %s failed unexpectedly for connection %d", kind, command.connectionId());
      return FailedResults.of(
          command,
          connection.erpType(),
          ErrorCode.INTERNAL_ERROR,
          kind + " failed inside " + connectorName + ": " + e.getClass().getSimpleName());
    }
  }

  /**
   * Consumers deduplicate by message id, so results sharing one would be dropped but for the first
   * and their writes never counted: a dialect doing so is a bug, answered as an internal error.
   */
  private static List<ConnectorResult> distinctMessages(List<ConnectorResult> results) {
    long distinct = results.stream().map(r -> r.meta().messageId()).distinct().count();
    if (distinct != results.size()) {
      throw new IllegalStateException(
          results.size() + " results carry only " + distinct + " distinct message ids");
    }
    return results;
  }

  /**
   * The command may have overtaken the snapshot that creates or re-enables its connection (the two
   * topics are read independently), so the table reads what was published so far and is asked again
   * before the command is refused.
   */
  private Optional<ConnectionSnapshot> findAfterCatchingUp(
      ConnectorCommand command, Optional<ConnectionSnapshot> before) throws InterruptedException {
    String kind = command.getClass().getSimpleName();
    Duration wait = config.connectionCatchUpWait();
    if (!connections.awaitCaughtUp(wait)) {
      Log.warnf(
          "ERP connection table did not catch up with %s within %s for %s on connection %d",
          Topics.CONNECTIONS, wait, kind, command.connectionId());
    }
    Optional<ConnectionSnapshot> after = connections.find(command.connectionId());
    if (after.isPresent() && after.get().enabled()) {
      Log.debugf(
          "ERP %s for connection %d: %s connection found after catching up with %s",
          kind,
          command.connectionId(),
          before.isEmpty() ? "unknown" : "disabled",
          Topics.CONNECTIONS);
    }
    return after;
  }
}
