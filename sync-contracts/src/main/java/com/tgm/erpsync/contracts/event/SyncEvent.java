package com.tgm.erpsync.contracts.event;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A public notification on erp.sync.events, in CloudEvents 1.0 structured JSON so downstream
 * systems can use any CloudEvents SDK. The CloudEvents type (see {@link SyncEventTypes}) is the
 * discriminator; correlationid and schemaversion are extension attributes.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncEvent(
    String specversion,
    String id,
    String source,
    String type,
    String subject,
    @JsonFormat(shape = JsonFormat.Shape.STRING) Instant time,
    String datacontenttype,
    String traceparent,
    String correlationid,
    int schemaversion,
    Map<String, Object> data) {

  public static final String SPEC_VERSION = "1.0";
  public static final String DATA_CONTENT_TYPE = "application/json";
  public static final int CURRENT_SCHEMA_VERSION = 1;

  public SyncEvent {
    Objects.requireNonNull(specversion, "specversion");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(type, "type");
  }

  public static SyncEvent of(
      String type, String source, String subject, String correlationId, Map<String, Object> data) {
    return new SyncEvent(
        SPEC_VERSION,
        UUID.randomUUID().toString(),
        source,
        type,
        subject,
        Instant.now(),
        DATA_CONTENT_TYPE,
        null,
        correlationId,
        CURRENT_SCHEMA_VERSION,
        data);
  }
}
