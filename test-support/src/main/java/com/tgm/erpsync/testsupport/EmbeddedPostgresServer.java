package com.tgm.erpsync.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * A real PostgreSQL 17 server from the embedded binaries, with {@code wal_level=logical} so change
 * capture works. It can be stopped and started again on the same port and data, which is how tests
 * take the database away from a running service and give it back.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class.getName());
  public static final String USER = "postgres";
  public static final String PASSWORD = "postgres";

  private final Path dataDirectory;
  private final int port;
  private EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(Path dataDirectory, int port) {
    this.dataDirectory = dataDirectory;
    this.port = port;
  }

  /** Starts a server on a free port with a fresh data directory that is deleted on close. */
  public static EmbeddedPostgresServer start() {
    try {
      EmbeddedPostgresServer server =
          new EmbeddedPostgresServer(Files.createTempDirectory("tgm-pg-"), freePort());
      server.startServer();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public synchronized void startServer() {
    if (postgres != null) {
      return;
    }
    long started = System.nanoTime();
    try {
      postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setServerConfig("wal_level", "logical")
              .setServerConfig("max_replication_slots", "20")
              .setServerConfig("max_wal_senders", "20")
              .setServerConfig("max_connections", "300")
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start embedded PostgreSQL on port " + port, e);
    }
    LOG.info(
        () ->
            "Embedded PostgreSQL ready on port "
                + port
                + " in "
                + (System.nanoTime() - started) / 1_000_000
                + " ms");
  }

  /** Stops the server and keeps its data, so {@link #startServer()} brings the same one back. */
  public synchronized void stopServer() {
    if (postgres == null) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      postgres = null;
    }
  }

  public synchronized boolean isRunning() {
    return postgres != null;
  }

  public PostgresEndpoint endpoint() {
    return new PostgresEndpoint("localhost", port, USER, PASSWORD);
  }

  @Override
  public void close() {
    stopServer();
    deleteRecursively(dataDirectory);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path path) {
    try (var paths = Files.walk(path)) {
      paths
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // a leftover temp file is harmless
                }
              });
    } catch (IOException ignored) {
      // already gone
    }
  }
}
