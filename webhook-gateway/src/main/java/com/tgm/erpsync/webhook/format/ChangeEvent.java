package com.tgm.erpsync.webhook.format;

import com.tgm.erpsync.contracts.change.ErpChangeType;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One change an ERP reported, read from its webhook and not yet bound to a connection.
 *
 * @param entity the ERP entity (entity set, record type, table) the change concerns
 * @param key the record's key fields as the ERP names them; empty for a {@link
 *     ErpChangeType#COLLECTION}
 * @param changeType what happened
 * @param values the record's values when the webhook carried the whole record, else null (the
 *     record is fetched)
 * @param filter for a {@link ErpChangeType#COLLECTION}: the ERP's filter to re-read with
 * @param eventId a stable id of the event: the ERP's own, or derived from the event's content so
 *     that a redelivery carries the same id
 * @param source where the event came from (CloudEvents source, subscription id, organisation)
 * @param occurredAt when the ERP says the change happened, null when it does not say
 */
public record ChangeEvent(
    String entity,
    Map<String, String> key,
    ErpChangeType changeType,
    Map<String, Object> values,
    String filter,
    String eventId,
    String source,
    Instant occurredAt) {

  public ChangeEvent {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(changeType, "changeType");
    Objects.requireNonNull(eventId, "eventId");
    key = key == null ? Map.of() : Map.copyOf(key);
  }
}
