package com.tgm.erpsync.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.contracts.event.SyncEvent;
import com.tgm.erpsync.contracts.event.SyncEventTypes;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncEventTest {

  @Test
  void ofFillsTheRequiredCloudEventsAttributes() {
    SyncEvent event =
        SyncEvent.of(
            SyncEventTypes.JOB_STARTED,
            "/tgm-erp-sync/sync-orchestrator",
            "connections/1/sync-jobs/123",
            "123",
            Map.of("jobId", 123));

    assertThat(event.specversion()).isEqualTo("1.0");
    assertThat(event.id()).isNotBlank();
    assertThat(event.datacontenttype()).isEqualTo("application/json");
    assertThat(event.schemaversion()).isEqualTo(1);
    assertThat(event.time()).isCloseTo(Instant.now(), within(5, ChronoUnit.SECONDS));
    assertThat(SyncEvent.of(SyncEventTypes.JOB_STARTED, "/s", null, null, null).id())
        .isNotEqualTo(event.id());
  }

  @Test
  void serializesAsStructuredCloudEventWithoutNullAttributes() {
    SyncEvent event =
        SyncEvent.of(
            SyncEventTypes.CONNECTION_TESTED,
            "/tgm-erp-sync/connection-service",
            null,
            null,
            Map.of("connectionId", 1, "success", true));

    JsonNode json = Json.tree(Json.write(event));

    assertThat(json.get("specversion").asText()).isEqualTo("1.0");
    assertThat(json.get("type").asText()).isEqualTo("com.tgm.erpsync.connection.tested");
    assertThat(json.get("time").isTextual()).isTrue();
    assertThat(json.get("data").get("success").asBoolean()).isTrue();
    assertThat(json.has("subject")).isFalse();
    assertThat(json.has("traceparent")).isFalse();
    assertThat(json.has("correlationid")).isFalse();
    assertThat(json.has("meta")).isFalse();
  }

  @Test
  void eventTypesAreReverseDnsUnderOurPrefix() {
    assertThat(
            Arrays.stream(SyncEventTypes.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()))
                .filter(field -> !field.getName().equals("PREFIX"))
                .map(field -> field.getName() + "=" + read(field)))
        .containsExactlyInAnyOrder(
            "JOB_STARTED=com.tgm.erpsync.job.started",
            "JOB_PROGRESS=com.tgm.erpsync.job.progress",
            "JOB_COMPLETED=com.tgm.erpsync.job.completed",
            "JOB_FAILED=com.tgm.erpsync.job.failed",
            "JOB_CANCELLED=com.tgm.erpsync.job.cancelled",
            "RECORD_SYNCED=com.tgm.erpsync.record.synced",
            "CONFLICT_DETECTED=com.tgm.erpsync.conflict.detected",
            "CONFLICT_RESOLVED=com.tgm.erpsync.conflict.resolved",
            "CONNECTION_TESTED=com.tgm.erpsync.connection.tested");
  }

  private static Object read(java.lang.reflect.Field field) {
    try {
      return field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
