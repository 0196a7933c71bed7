package com.tgm.erpsync.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A reachable PostgreSQL server: the embedded one or an external one. {@code serverUrl} is a JDBC
 * URL of a database the user may connect to; {@link #createDatabase} makes fresh ones beside it.
 */
public record PostgresEndpoint(String host, int port, String user, String password) {

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), user, password);
  }

  /** Creates a new, empty database with a unique name built from {@code hint}; returns its URL. */
  public String createDatabase(String hint) {
    String name =
        (hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                + "_"
                + UUID.randomUUID().toString().substring(0, 8))
            .replaceAll("^_+", "");
    if (name.length() > 60) {
      name = name.substring(name.length() - 60).replaceAll("^_+", "");
    }
    if (!Character.isLetter(name.charAt(0))) {
      name = "t" + name;
    }
    try (Connection connection = connect("postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + name + " on " + host, e);
    }
    return jdbcUrl(name);
  }

  /** Parses {@code jdbc:postgresql://host[:port]/database}, the form TGM_DB_URL takes. */
  public static PostgresEndpoint fromJdbcUrl(String url, String user, String password) {
    String rest = url.replaceFirst("^jdbc:postgresql://", "");
    String hostPort = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
    String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort;
    int port =
        hostPort.contains(":")
            ? Integer.parseInt(hostPort.substring(hostPort.indexOf(':') + 1))
            : 5432;
    return new PostgresEndpoint(host, port, user, password);
  }
}
