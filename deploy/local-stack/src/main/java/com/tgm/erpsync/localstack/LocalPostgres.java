package com.tgm.erpsync.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** PostgreSQL 17 from zonky's binaries, data kept in .local/postgres between runs. */
final class LocalPostgres implements AutoCloseable {

  static final String DATABASE = "tgm";
  static final String USER = "postgres";
  // initdb runs with trust authentication: any password is accepted, this one is the documented
  static final String PASSWORD = "postgres";

  private final EmbeddedPostgres postgres;

  private LocalPostgres(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static LocalPostgres start(Path dataDirectory, int port, Path logFile) throws IOException {
    ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            // keep the data: a second run reuses it (initdb runs only on an empty directory)
            .setCleanDataDirectory(false)
            .setPort(port)
            // Debezium in sync-orchestrator reads the tgm schema through logical replication
            .setServerConfig("wal_level", "logical")
            .setServerConfig("max_replication_slots", "10")
            .setServerConfig("max_wal_senders", "10")
            // eight services with a connection pool each
            .setServerConfig("max_connections", "200")
            .setOutputRedirector(log)
            .setErrorRedirector(log)
            .setPGStartupWait(Duration.ofSeconds(60))
            // the launcher stops PostgreSQL itself, last, after the services that use it
            .setRegisterShutdownHook(false)
            .start();
    return new LocalPostgres(postgres);
  }

  /** Creates the database the services share (one schema each) if a previous run did not. */
  void createDatabaseIfAbsent() throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      try (ResultSet rs = exists.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        create.execute("CREATE DATABASE " + DATABASE);
      }
      StackLog.info("created database " + DATABASE);
    }
  }

  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
