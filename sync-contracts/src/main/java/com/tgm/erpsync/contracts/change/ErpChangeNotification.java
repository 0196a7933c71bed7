package com.tgm.erpsync.contracts.change;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.SyncMessage;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A verified ERP webhook, normalised whatever the vendor format (topic erp.changes, key
 * connectionId). values is null when the ERP sent only the key, so the record must be fetched;
 * eventId is the ERP's own id, used for replay protection.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.PROPERTY,
    property = "type",
    defaultImpl = ErpChangeNotification.class)
@JsonTypeName("ErpChangeNotification")
public record ErpChangeNotification(
    MessageMeta meta,
    long connectionId,
    ErpType erpType,
    String erpEntityName,
    Map<String, String> erpKey,
    ErpChangeType changeType,
    Map<String, Object> values,
    String filter,
    String eventId,
    String eventSource,
    @JsonFormat(shape = JsonFormat.Shape.STRING) Instant occurredAt,
    @JsonFormat(shape = JsonFormat.Shape.STRING) Instant receivedAt)
    implements SyncMessage {

  public ErpChangeNotification {
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(erpEntityName, "erpEntityName");
    Objects.requireNonNull(changeType, "changeType");
  }
}
