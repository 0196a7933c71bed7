package com.tgm.erpsync.contracts.change;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.SyncMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A row of a TGM entity table changed, translated from Debezium at the edge so the capture envelope
 * never leaks (topic tgm.changes, key "ENTITY:id"). syncedFromConnectionId is set when sync itself
 * wrote the row, so that connection does not receive its own change back (echo suppression).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.PROPERTY,
    property = "type",
    defaultImpl = TgmRecordChanged.class)
@JsonTypeName("TgmRecordChanged")
public record TgmRecordChanged(
    MessageMeta meta,
    EntityType entityType,
    long recordId,
    ChangeOperation operation,
    Map<String, Object> values,
    List<String> changedFields,
    @JsonFormat(shape = JsonFormat.Shape.STRING) Instant sourceTimestamp,
    Long transactionId,
    String lsn,
    Long syncedFromConnectionId)
    implements SyncMessage {

  public TgmRecordChanged {
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(operation, "operation");
  }
}
