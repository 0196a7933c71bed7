package com.tgm.erpsync.orchestrator.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The message log of idempotent consumers: a message id is recorded in the same transaction as the
 * effect of the message, so a redelivered message is recognised and changes nothing twice.
 */
@ApplicationScoped
public class ProcessedMessageRepository {
  private final AgroalDataSource dataSource;

  public ProcessedMessageRepository(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Records the message; false when it had been processed already. Call inside a transaction. */
  public boolean markProcessed(String consumer, String messageId) {
    String sql =
        "INSERT INTO processed_message (consumer, message_id) VALUES (?, ?) "
            + "ON CONFLICT (consumer, message_id) DO NOTHING";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setString(1, consumer);
      insert.setString(2, messageId);
      return insert.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record processed message " + messageId, e);
    }
  }
}
