package com.tgm.erpsync.orchestrator.capture;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one {@link TgmChangeCapture} needs, free of CDI so that several captures can run in
 * one process (takeover is tested that way). The database is the service's own datasource: the
 * replication connection, the lock session and the offset store all use its URL and account.
 *
 * @param jdbcUrl {@code jdbc:postgresql://host[:port]/database[?...]}
 * @param kafka settings of the Kafka clients (bootstrap servers, security), as {@code kafka.*}
 * @param instance names this replica in the lock session's application_name and in log lines
 */
public record CaptureSettings(
    String jdbcUrl,
    String user,
    String password,
    String slot,
    String publication,
    Duration electionInterval,
    Duration heartbeatInterval,
    long lagWarningBytes,
    Map<String, Object> kafka,
    String instance) {

  /** Prefix of the heartbeat messages the leader writes into the WAL; never published. */
  public static final String HEARTBEAT_PREFIX = "tgm-erp-sync-heartbeat";

  /** Class of the advisory lock that elects the leader ("TGM" in ASCII). */
  static final int LOCK_CLASS = 0x54474d;

  public CaptureSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(publication, "publication");
    Objects.requireNonNull(electionInterval, "electionInterval");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    kafka = Map.copyOf(kafka);
    if (!slot.matches("[a-z0-9_]{1,63}")) {
      throw new IllegalArgumentException(
          "slot " + slot + ": a replication slot name has 1 to 63 of a-z, 0-9 and _");
    }
    if (!publication.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException(
          "publication " + publication + ": use a plain lower-case SQL identifier");
    }
  }

  /** Key of the advisory lock: one leader per slot, so differently named slots elect apart. */
  int lockKey() {
    return slot.hashCode();
  }

  String host() {
    String host = address().getHost();
    return host == null ? "localhost" : host;
  }

  int port() {
    int port = address().getPort();
    return port < 0 ? 5432 : port;
  }

  String database() {
    String path = address().getPath();
    if (path == null || path.length() < 2) {
      throw new IllegalArgumentException("the datasource URL names no database: " + jdbcUrl);
    }
    return path.substring(1);
  }

  private URI address() {
    if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
    }
    return URI.create(jdbcUrl.substring("jdbc:".length()));
  }
}
