package com.tgm.erpsync.orchestrator.capture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Marks TGM writes made by sync, in their transaction, for change capture to recognise. */
public final class SyncOrigin {
  static final String PREFIX = "tgm-erp-sync.origin";

  private SyncOrigin() {}

  public static void mark(Connection jdbc, long connectionId) throws SQLException {
    try (PreparedStatement emit =
        jdbc.prepareStatement("SELECT pg_logical_emit_message(true, ?, ?)")) {
      emit.setString(1, PREFIX);
      emit.setString(2, Long.toString(connectionId));
      emit.execute();
    }
  }
}
