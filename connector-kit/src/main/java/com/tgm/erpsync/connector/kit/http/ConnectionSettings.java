package com.tgm.erpsync.connector.kit.http;

import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import java.util.Map;
import java.util.Optional;

/** Typed reads of a connection's free-form {@code connectionSettings} map. */
public final class ConnectionSettings {

  private ConnectionSettings() {}

  /** The setting as non-blank text. */
  public static Optional<String> text(ConnectionSnapshot connection, String name) {
    Map<String, Object> settings = connection.connectionSettings();
    Object value = settings == null ? null : settings.get(name);
    if (value == null || value.toString().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(value.toString().strip());
  }

  /** The setting as a whole number, or the fallback when absent or not a number. */
  public static int integer(ConnectionSnapshot connection, String name, int fallback) {
    return text(connection, name)
        .map(
            value -> {
              try {
                return (int) Double.parseDouble(value);
              } catch (NumberFormatException e) {
                return fallback;
              }
            })
        .orElse(fallback);
  }
}
