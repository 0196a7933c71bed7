package com.tgm.erpsync.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.sandbox.core.Knobs;
import com.tgm.erpsync.sandbox.core.SandboxOptions;
import com.tgm.erpsync.sandbox.core.SapSandbox;
import com.tgm.erpsync.sandbox.core.journal.JournalEntry;
import com.tgm.erpsync.sandbox.core.journal.JournalFilter;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.RealInfrastructureExtension;
import com.tgm.erpsync.testsupport.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A full inbound and an outbound sync against an S/4HANA that misbehaves: a fifth of all requests
 * answered 500/503, one in twenty held past the connection's read timeout, and 429 bursts with
 * Retry-After from a gateway quota below the connection's own rate limit. The jobs still complete
 * with exact counts, and the journal shows how: every failed request retried until it succeeded,
 * Retry-After honoured by the whole connection, and never more requests in any window than the
 * connection's rate limit.
 */
@ExtendWith(RealInfrastructureExtension.class)
class SapChaosIT {
  private static final int RECORDS = 2_000;
  private static final int CHANGED = 200;

  /** The connection's own limit: 20 requests in any second. */
  private static final int RATE_LIMIT = 20;

  private static final Duration RATE_PERIOD = Duration.ofSeconds(1);

  /**
   * The gateway's quota: 8 requests per fixed one-second window. A 429 carries the rest of the
   * window as Retry-After, rounded up to whole seconds and at least 1: always exactly 1 s here.
   */
  private static final int GATEWAY_QUOTA = 8;

  private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  /** A held request is answered 504 after this, well past the connection's 1 s read timeout. */
  private static final Duration HOLD = Duration.ofMillis(2_500);

  /** Clock granularity between the connector's monotonic clock and the journal's wall clock. */
  private static final Duration TOLERANCE = Duration.ofMillis(5);

  @Test
  void completesExactlyThroughFaultsTimeoutsAndThrottling(
      KafkaEndpoint kafka, TestDatabase database) throws Exception {
    try (SapSandbox sandbox =
            SapSandbox.start(SandboxOptions.builder().equipmentCount(RECORDS).build());
        SapStack stack = SapStack.start(kafka, database, "chaos-admin")) {
      long connectionId = stack.createConnection(connectionJson(sandbox.baseUri().toString()));
      JsonNode tested = stack.testConnection(connectionId);
      assertThat(tested.path("status").asText()).as(tested.toString()).isEqualTo("success");
      stack.createMapping(connectionId, MAPPING);

      sandbox.knobs().apply(chaos(7));
      sandbox.journal().clear();
      JsonNode full = stack.runSync(connectionId, "full");
      assertThat(full.path("status").asText()).as(full.toString()).isEqualTo("COMPLETED");
      assertExact(full, RECORDS);
      assertThat(stack.count("SELECT count(*) FROM tgm.unit")).isEqualTo(RECORDS);
      assertThat(stack.count("SELECT count(DISTINCT serial_number) FROM tgm.unit"))
          .isEqualTo(RECORDS);
      assertThat(stack.count("SELECT count(*) FROM orchestrator.sync_ledger")).isEqualTo(RECORDS);
      List<JournalEntry> inbound = settledJournal(sandbox);
      assertThat(SapStack.appliedWritesByPath(sandbox)).isEmpty();
      assertResilient(inbound);

      stack.update(
          "UPDATE tgm.unit SET name = name || ' (overhauled)'"
              + " WHERE id IN (SELECT id FROM tgm.unit ORDER BY id LIMIT "
              + CHANGED
              + ")");
      sandbox.knobs().apply(chaos(11));
      sandbox.journal().clear();
      JsonNode outbound = stack.runSync(connectionId, "incremental");
      assertExact(outbound, CHANGED);
      List<JournalEntry> writes = settledJournal(sandbox);
      Map<String, Integer> applied = SapStack.appliedWritesByPath(sandbox);
      assertThat(applied).as("records written").hasSize(CHANGED);
      assertThat(applied.values()).as("successful writes per record").containsOnly(1);
      assertThat(
              writes.stream()
                  .filter(e -> e.method().equals("PATCH") && e.status() == 204)
                  .map(JournalEntry::body))
          .allSatisfy(body -> assertThat(body).contains("(overhauled)"));
      assertResilient(writes);

      // the chaos did happen: faults, timeouts and throttling all reached the connector
      List<Integer> statuses =
          Stream.concat(inbound.stream(), writes.stream()).map(JournalEntry::status).toList();
      assertThat(statuses).as("5xx faults").containsAnyOf(500, 503);
      assertThat(statuses).as("held past the read timeout").contains(504);
      assertThat(statuses).as("throttled").contains(429);
    }
  }

  /**
   * COMPLETED, every record processed, {@code succeeded} applied and the rest skipped as unchanged
   * (a bidirectional job also looks at the other direction), none failed.
   */
  private static void assertExact(JsonNode job, long succeeded) {
    String detail = job.toString();
    assertThat(job.path("status").asText()).as(detail).isEqualTo("COMPLETED");
    assertThat(job.path("processedRecords").asLong())
        .as(detail)
        .isEqualTo(job.path("totalRecords").asLong());
    assertThat(job.path("successCount").asLong()).as(detail).isEqualTo(succeeded);
    assertThat(job.path("errorCount").asLong()).as(detail).isZero();
    assertThat(job.path("successCount").asLong() + job.path("skipCount").asLong())
        .as(detail)
        .isEqualTo(job.path("totalRecords").asLong());
  }

  /** Everything at once, from a given seed of the fault generator. */
  private static Knobs.Settings chaos(long seed) {
    return Knobs.Settings.defaults()
        .withFaultRate(0.20, seed)
        .withTimeoutRate(0.05, HOLD)
        .withRateLimit(GATEWAY_QUOTA, RATE_PERIOD);
  }

  /**
   * The journal once every held request has had its 504 (a held request is journaled with its
   * status only when the hold ends), without the OAuth token calls: those go to the token endpoint
   * outside the connection's rate limiter.
   */
  private static List<JournalEntry> settledJournal(SapSandbox sandbox) {
    org.awaitility.Awaitility.await("held requests answered")
        .atMost(HOLD.plusSeconds(10))
        .until(
            () ->
                sandbox.journal().find(JournalFilter.all()).stream()
                    .noneMatch(e -> e.status() == 0));
    return sandbox.journal().find(JournalFilter.all().withoutBatchParts()).stream()
        .filter(e -> !e.path().equals(SapSandbox.TOKEN_PATH))
        .toList();
  }

  private static void assertResilient(List<JournalEntry> journal) {
    List<JournalEntry> failed =
        journal.stream().filter(e -> e.status() >= 500 || e.status() == 429).toList();

    // every failed request was sent again later, until it succeeded
    for (JournalEntry failure : failed) {
      assertThat(journal)
          .as("a later successful %s %s?%s", failure.method(), failure.path(), failure.query())
          .anyMatch(
              later ->
                  later.sequence() > failure.sequence()
                      && later.method().equals(failure.method())
                      && later.path().equals(failure.path())
                      && Objects.equals(later.query(), failure.query())
                      && later.status() >= 200
                      && later.status() < 400);
    }

    // after a 429, the connection sent nothing until Retry-After had passed
    List<String> violations = new ArrayList<>();
    for (int i = 0; i < journal.size() - 1; i++) {
      JournalEntry throttled = journal.get(i);
      if (throttled.status() != 429) {
        continue;
      }
      JournalEntry next = journal.get(i + 1);
      Duration gap = Duration.between(throttled.arrivedAt(), next.arrivedAt());
      if (gap.compareTo(RETRY_AFTER.minus(TOLERANCE)) < 0) {
        violations.add(
            "#%d %s %s arrived %d ms after the 429 of #%d"
                .formatted(
                    next.sequence(),
                    next.method(),
                    next.path(),
                    gap.toMillis(),
                    throttled.sequence()));
      }
    }
    assertThat(violations).as("requests before Retry-After had passed").isEmpty();

    // never more than the connection's limit in any window of its period
    for (int i = 0; i + RATE_LIMIT < journal.size(); i++) {
      JournalEntry first = journal.get(i);
      JournalEntry over = journal.get(i + RATE_LIMIT);
      assertThat(Duration.between(first.arrivedAt(), over.arrivedAt()))
          .as("%d requests from #%d to #%d", RATE_LIMIT + 1, first.sequence(), over.sequence())
          .isGreaterThanOrEqualTo(RATE_PERIOD.minus(TOLERANCE));
    }
  }

  /**
   * Pages and $batch requests of 20 records: enough requests (over a hundred) that every kind of
   * chaos reaches the connector at these rates.
   */
  private static final String MAPPING =
      """
      {"tgmEntityType": "UNIT", "erpEntityName": "Equipment", "syncEnabled": true,
       "syncDirection": "BIDIRECTIONAL", "conflictResolution": "ERP_WINS", "batchSize": 20,
       "deltaField": "LastChangeDateTime",
       "fieldMappings": [
        {"tgmField": "serialNumber", "erpField": "ManufacturerSerialNumber", "fieldType": "STRING",
         "syncDirection": "INBOUND", "isKeyField": true},
        {"tgmField": "name", "erpField": "EquipmentName", "fieldType": "STRING",
         "syncDirection": "BIDIRECTIONAL", "required": true},
        {"tgmField": "manufacturer", "erpField": "ManufacturerName", "fieldType": "STRING",
         "syncDirection": "INBOUND"}]}
      """;

  /**
   * The guide's S/4HANA connection with its resilience settings: up to 10 retries without a delay
   * of its own (so the pace is set by Retry-After and the rate limit), at most 20 requests per
   * second, and a 1 s read timeout.
   */
  private static String connectionJson(String sandboxBase) {
    return """
    {"name": "Flaky SAP", "description": "SAP S/4HANA under load",
     "erpType": "SAP_S4HANA", "authType": "OAUTH2",
     "baseUrl": "%s/sap/opu/odata4/sap",
     "clientId": "tgm-sync", "clientSecret": "tgm-sync-secret",
     "sapClient": "100", "sapSystemId": "S4H", "sapLanguage": "EN",
     "enabled": true, "syncEnabled": true, "syncDirection": "BIDIRECTIONAL",
     "syncIntervalMinutes": 60, "webhookEnabled": false,
     "maxRetries": 10, "retryDelaySeconds": 0,
     "rateLimitRequests": %d, "rateLimitPeriodSeconds": %d,
     "connectionSettings": {"oauthTokenUrl": "%s/sap/bc/sec/oauth2/token",
                            "requestTimeoutSeconds": 1}}
    """
        .formatted(sandboxBase, RATE_LIMIT, RATE_PERIOD.toSeconds(), sandboxBase);
  }
}
