package com.tgm.erpsync.orchestrator.capture;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;

/**
 * Keeps the capture's source offsets (the slot position Debezium resumes from) in table {@code
 * orchestrator.capture_offset}: loaded when the engine starts, written through on every flush, so a
 * replica that takes over continues where the last leader stopped. A write that fails fails the
 * flush: the batch is then delivered again rather than its position kept in memory only.
 */
public class JdbcOffsetBackingStore extends MemoryOffsetBackingStore {
  public static final String URL = "offset.storage.jdbc.url";
  public static final String USER = "offset.storage.jdbc.user";
  public static final String PASSWORD = "offset.storage.jdbc.password";

  /** Rows of one store: the slot they belong to. */
  public static final String NAME = "offset.storage.jdbc.name";

  private static final String LOAD =
      "SELECT offset_key, offset_value FROM orchestrator.capture_offset WHERE store_name = ?";
  private static final String SAVE =
      "INSERT INTO orchestrator.capture_offset (store_name, offset_key, offset_value, updated_at)"
          + " VALUES (?, ?, ?, now()) ON CONFLICT (store_name, offset_key)"
          + " DO UPDATE SET offset_value = EXCLUDED.offset_value, updated_at = now()";
  private static final String DELETE =
      "DELETE FROM orchestrator.capture_offset WHERE store_name = ? AND offset_key = ?";

  private String url;
  private String user;
  private String password;
  private String name;
  private Connection connection;

  @Override
  public void configure(WorkerConfig config) {
    super.configure(config);
    Map<String, String> settings = config.originalsStrings();
    url = required(settings, URL);
    user = settings.get(USER);
    password = settings.get(PASSWORD);
    name = required(settings, NAME);
  }

  @Override
  public synchronized void start() {
    super.start();
    try (PreparedStatement load = connection().prepareStatement(LOAD)) {
      load.setString(1, name);
      Map<ByteBuffer, ByteBuffer> loaded = new HashMap<>();
      try (ResultSet rows = load.executeQuery()) {
        while (rows.next()) {
          loaded.put(ByteBuffer.wrap(rows.getBytes(1)), ByteBuffer.wrap(rows.getBytes(2)));
        }
      }
      connection.commit();
      data.putAll(loaded);
    } catch (SQLException e) {
      closeConnection();
      throw new ConnectException("could not read the capture offsets of " + name, e);
    }
  }

  @Override
  public synchronized void stop() {
    super.stop();
    closeConnection();
  }

  @Override
  protected synchronized void save() {
    try {
      Connection jdbc = connection();
      try (PreparedStatement save = jdbc.prepareStatement(SAVE);
          PreparedStatement delete = jdbc.prepareStatement(DELETE)) {
        for (Map.Entry<ByteBuffer, ByteBuffer> entry : data.entrySet()) {
          if (entry.getValue() == null) {
            delete.setString(1, name);
            delete.setBytes(2, bytes(entry.getKey()));
            delete.addBatch();
          } else {
            save.setString(1, name);
            save.setBytes(2, bytes(entry.getKey()));
            save.setBytes(3, bytes(entry.getValue()));
            save.addBatch();
          }
        }
        save.executeBatch();
        delete.executeBatch();
        jdbc.commit();
      }
    } catch (SQLException e) {
      closeConnection();
      throw new ConnectException("could not write the capture offsets of " + name, e);
    }
  }

  @Override
  public Set<Map<String, Object>> connectorPartitions(String connectorName) {
    return Set.of();
  }

  private Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = DriverManager.getConnection(url, user, password);
      connection.setAutoCommit(false);
    }
    return connection;
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // the session is gone either way; the next write opens a new one
      }
      connection = null;
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }

  private static String required(Map<String, String> settings, String key) {
    String value = settings.get(key);
    if (value == null || value.isBlank()) {
      throw new ConnectException(key + " is not set");
    }
    return value;
  }
}
