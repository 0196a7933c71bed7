package com.tgm.erpsync.contracts;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Envelope fields every message carries, so any consumer can deduplicate (messageId), group by job
 * (correlationId), continue the W3C trace and reject a schema it does not understand.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageMeta(
    int schemaVersion,
    String messageId,
    String correlationId,
    String traceparent,
    String tracestate,
    @JsonFormat(shape = JsonFormat.Shape.STRING) Instant occurredAt) {

  /** Bumped only when a field is renamed or removed; added fields keep the version. */
  public static final int CURRENT_SCHEMA_VERSION = 1;

  public MessageMeta {
    Objects.requireNonNull(messageId, "messageId");
  }

  /** A fresh envelope: new message id, now, current schema version, no trace context yet. */
  public static MessageMeta create(String correlationId) {
    return new MessageMeta(
        CURRENT_SCHEMA_VERSION,
        UUID.randomUUID().toString(),
        correlationId,
        null,
        null,
        Instant.now());
  }

  public MessageMeta withTrace(String traceparent, String tracestate) {
    return new MessageMeta(
        schemaVersion, messageId, correlationId, traceparent, tracestate, occurredAt);
  }
}
