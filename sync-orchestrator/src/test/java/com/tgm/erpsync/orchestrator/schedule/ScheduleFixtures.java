package com.tgm.erpsync.orchestrator.schedule;

import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.await;
import static com.tgm.erpsync.orchestrator.jobs.SyncFixtures.send;

import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.orchestrator.directory.ConnectionDirectory;
import java.time.Instant;
import java.util.UUID;

/**
 * Connections as connection-service publishes them, with what a schedule depends on: enabled,
 * syncEnabled, syncIntervalMinutes and the snapshot version.
 */
public final class ScheduleFixtures {
  private ScheduleFixtures() {}

  /** A connection's schedule settings in one snapshot. */
  public record Scheduled(
      long id,
      String name,
      boolean enabled,
      boolean syncEnabled,
      int syncIntervalMinutes,
      long version) {

    public static Scheduled every(long id, int minutes) {
      return new Scheduled(id, "Scheduled SAP " + id, true, true, minutes, 1);
    }

    /** The next version of the connection with these settings. */
    public Scheduled next(boolean enabled, boolean syncEnabled, int minutes) {
      return new Scheduled(id, name, enabled, syncEnabled, minutes, version + 1);
    }

    public Scheduled renamed(String newName) {
      return new Scheduled(id, newName, enabled, syncEnabled, syncIntervalMinutes, version + 1);
    }

    String json() {
      return """
      {"type": "ConnectionSnapshot",
       "meta": {"schemaVersion": 1, "messageId": "%s", "correlationId": "connection-%d-v%d",
                "occurredAt": "%s"},
       "id": %d, "name": "%s", "erpType": "SAP_S4HANA", "authType": "OAUTH2",
       "baseUrl": "https://sap.example.com/sap/opu/odata4/sap", "enabled": %s,
       "syncEnabled": %s, "syncDirection": "BIDIRECTIONAL", "syncIntervalMinutes": %d,
       "webhookEnabled": false, "clientId": "tgm-client", "connectionSettings": {},
       "secrets": {}, "maxRetries": 3, "retryDelaySeconds": 30, "rateLimitRequests": 100,
       "rateLimitPeriodSeconds": 60, "maxConcurrentRequests": 4, "version": %d,
       "updatedAt": "%s"}
      """
          .formatted(
              UUID.randomUUID(),
              id,
              version,
              Instant.now(),
              id,
              name,
              enabled,
              syncEnabled,
              syncIntervalMinutes,
              version,
              Instant.now());
    }
  }

  /** Publishes the snapshot and waits until the directory holds this version of it. */
  public static Scheduled publish(ConnectionDirectory directory, Scheduled connection) {
    send(Topics.CONNECTIONS, connection.id(), connection.json());
    await(
        () ->
            directory
                .find(connection.id())
                .filter(c -> c.version() == connection.version())
                .isPresent(),
        "connection " + connection.id() + " v" + connection.version() + " known");
    return connection;
  }
}
