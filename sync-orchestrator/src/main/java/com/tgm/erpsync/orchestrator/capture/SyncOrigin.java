package com.tgm.erpsync.orchestrator.capture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Marks the TGM writes sync itself makes, so change capture can tell them from users' edits: the
 * marker is a transactional logical decoding message in the writer's own transaction, decoded in
 * WAL order with its rows, so every row change that follows it in the transaction is published with
 * {@code syncedFromConnectionId} and never sent back to that connection as a change of its own
 * (echo). A rolled-back transaction leaves neither marker nor rows.
 */
public final class SyncOrigin {
  /** Prefix of the marker messages; capture reads the connection id from their content. */
  public static final String PREFIX = "tgm-erp-sync-origin";

  private static final String EMIT = "SELECT pg_logical_emit_message(true, ?, ?)";

  private SyncOrigin() {}

  /**
   * Declares that the following TGM row writes of the current transaction apply records of
   * connection {@code connectionId}, until the transaction ends or another mark changes it. Call it
   * immediately before the writes, on the connection that makes them, inside their transaction.
   *
   * @throws IllegalStateException when {@code jdbc} is in auto-commit mode: the marker would be a
   *     transaction of its own and mark nothing
   */
  public static void mark(Connection jdbc, long connectionId) throws SQLException {
    if (jdbc.getAutoCommit()) {
      throw new IllegalStateException(
          "a sync origin marker must be written inside the transaction of the TGM writes");
    }
    try (PreparedStatement emit = jdbc.prepareStatement(EMIT)) {
      emit.setString(1, PREFIX);
      emit.setString(2, Long.toString(connectionId));
      try (ResultSet ignored = emit.executeQuery()) {
        // the function returns the marker's LSN, of no use to the writer
      }
    }
  }
}
