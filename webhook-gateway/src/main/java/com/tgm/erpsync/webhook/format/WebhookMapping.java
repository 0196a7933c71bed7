package com.tgm.erpsync.webhook.format;

import com.tgm.erpsync.contracts.change.ErpChangeType;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where the parts of a change event sit in a generic JSON webhook body, as configured in a
 * connection's {@code connectionSettings.webhook}. Also names the entity and key of Finance &
 * Operations business events, and where a CloudEvent that is no SAP business event keeps its entity
 * and key inside {@code data}.
 *
 * @param eventsPath the array of events, or null when the body itself is the event or the array
 * @param entity a constant entity name, or null to read it at {@code entityPath}
 * @param entityPath where the entity name sits
 * @param keyPaths key field name to where its value sits; empty to read {@code keyPath} instead
 * @param keyPath where an object of the key's fields sits
 * @param changeTypePath where the change type sits (absent in a body: UPDATED)
 * @param changeTypes the ERP's change type, in lower case, to ours
 * @param eventIdPath where the event id sits (absent in a body: a digest of the event)
 * @param occurredAtPath where the time of the change sits
 * @param valuesPath where an object of the complete record sits
 * @param businessEvents Finance & Operations BusinessEventId to its entity and key
 */
public record WebhookMapping(
    JsonPath eventsPath,
    String entity,
    JsonPath entityPath,
    Map<String, JsonPath> keyPaths,
    JsonPath keyPath,
    JsonPath changeTypePath,
    Map<String, ErpChangeType> changeTypes,
    JsonPath eventIdPath,
    JsonPath occurredAtPath,
    JsonPath valuesPath,
    Map<String, BusinessEvent> businessEvents) {

  /** The change types understood when a connection names none. */
  public static final Map<String, ErpChangeType> DEFAULT_CHANGE_TYPES =
      Map.ofEntries(
          Map.entry("created", ErpChangeType.CREATED),
          Map.entry("create", ErpChangeType.CREATED),
          Map.entry("updated", ErpChangeType.UPDATED),
          Map.entry("update", ErpChangeType.UPDATED),
          Map.entry("edit", ErpChangeType.UPDATED),
          Map.entry("xedit", ErpChangeType.UPDATED),
          Map.entry("deleted", ErpChangeType.DELETED),
          Map.entry("delete", ErpChangeType.DELETED));

  /** The mapping of a connection without webhook settings. */
  public static final WebhookMapping DEFAULT =
      new WebhookMapping(
          null,
          null,
          JsonPath.parse("entity"),
          Map.of(),
          JsonPath.parse("key"),
          JsonPath.parse("changeType"),
          DEFAULT_CHANGE_TYPES,
          JsonPath.parse("eventId"),
          JsonPath.parse("occurredAt"),
          JsonPath.parse("values"),
          Map.of());

  public WebhookMapping {
    Objects.requireNonNull(entityPath, "entityPath");
    Objects.requireNonNull(keyPath, "keyPath");
    Objects.requireNonNull(changeTypePath, "changeTypePath");
    Objects.requireNonNull(eventIdPath, "eventIdPath");
    Objects.requireNonNull(occurredAtPath, "occurredAtPath");
    Objects.requireNonNull(valuesPath, "valuesPath");
    keyPaths = keyPaths == null ? Map.of() : Map.copyOf(keyPaths);
    changeTypes = changeTypes == null ? DEFAULT_CHANGE_TYPES : Map.copyOf(changeTypes);
    businessEvents = businessEvents == null ? Map.of() : Map.copyOf(businessEvents);
  }

  /**
   * Reads a connection's {@code connectionSettings.webhook} object (a map from JSON); null gives
   * {@link #DEFAULT}.
   *
   * @throws IllegalArgumentException naming the setting at fault as {@code
   *     connectionSettings.webhook.<name>}
   */
  public static WebhookMapping from(Object webhookSettings) {
    return MappingSettings.read(webhookSettings);
  }

  /** Our change type for the ERP's value (matched ignoring case), or null when it is unknown. */
  public ErpChangeType changeType(String erpValue) {
    return erpValue == null ? null : changeTypes.get(erpValue.toLowerCase(Locale.ROOT));
  }

  /**
   * How to read one Finance & Operations business event.
   *
   * @param entity the entity the event concerns
   * @param keyPaths key field name to where its value sits in the event
   * @param changeType what the event means
   */
  public record BusinessEvent(
      String entity, Map<String, JsonPath> keyPaths, ErpChangeType changeType) {

    public BusinessEvent {
      Objects.requireNonNull(entity, "entity");
      Objects.requireNonNull(changeType, "changeType");
      keyPaths = Map.copyOf(keyPaths);
    }
  }
}
