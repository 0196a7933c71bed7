package com.tgm.erpsync.contracts;

import java.util.List;

/**
 * Topic names, record keys and dead-letter headers. Keys decide partitioning: one connection's
 * commands stay on one connector instance, so its rate limit and ordering are local.
 */
public final class Topics {

  public static final String CONNECTIONS = "erp.connections";
  public static final String MAPPINGS = "erp.mappings";
  public static final String TGM_CHANGES = "tgm.changes";
  public static final String ERP_CHANGES = "erp.changes";
  public static final String COMMANDS_SAP = "erp.commands.sap";
  public static final String COMMANDS_DYNAMICS = "erp.commands.dynamics";
  public static final String COMMANDS_ORACLE = "erp.commands.oracle";
  public static final String RESULTS = "erp.results";
  public static final String SYNC_EVENTS = "erp.sync.events";

  /*
   * Headers of a dead-lettered record, as the SmallRye Kafka dead-letter-queue strategy writes
   * them: every consumer dead-letters through that one mechanism.
   */
  /** Why the message was dead-lettered (the exception message of the failed processing). */
  public static final String DLQ_REASON_HEADER = "dead-letter-reason";

  /** Message of the exception's cause; present only when the exception has a cause. */
  public static final String DLQ_CAUSE_HEADER = "dead-letter-cause";

  public static final String DLQ_SOURCE_TOPIC_HEADER = "dead-letter-topic";
  public static final String DLQ_SOURCE_PARTITION_HEADER = "dead-letter-partition";
  public static final String DLQ_SOURCE_OFFSET_HEADER = "dead-letter-offset";

  private static final String CONNECTION_ID = "connectionId (decimal string)";
  private static final String DLQ_VALUE = "the poison message, unchanged; reason in headers";

  /** Every topic the system uses, with how to create it. */
  public static final List<TopicSpec> ALL =
      List.of(
          new TopicSpec(
              CONNECTIONS,
              1,
              true,
              CONNECTION_ID,
              "ConnectionSnapshot, secrets encrypted; null (tombstone) on delete"),
          new TopicSpec(
              MAPPINGS,
              1,
              true,
              "mappingId (decimal string)",
              "MappingSnapshot with field mappings; null (tombstone) on delete"),
          new TopicSpec(TGM_CHANGES, 6, false, "ENTITY:id, e.g. UNIT:456", "TgmRecordChanged"),
          new TopicSpec(ERP_CHANGES, 6, false, CONNECTION_ID, "ErpChangeNotification"),
          new TopicSpec(COMMANDS_SAP, 6, false, CONNECTION_ID, "ConnectorCommand"),
          new TopicSpec(COMMANDS_DYNAMICS, 6, false, CONNECTION_ID, "ConnectorCommand"),
          new TopicSpec(COMMANDS_ORACLE, 6, false, CONNECTION_ID, "ConnectorCommand"),
          new TopicSpec(
              RESULTS,
              6,
              false,
              "jobId (decimal string); connectionId for ConnectionTested",
              "ConnectorResult"),
          new TopicSpec(SYNC_EVENTS, 3, false, CONNECTION_ID, "SyncEvent (CloudEvents 1.0 JSON)"),
          new TopicSpec(dlq(TGM_CHANGES), 1, false, "as source", DLQ_VALUE),
          new TopicSpec(dlq(ERP_CHANGES), 1, false, "as source", DLQ_VALUE),
          new TopicSpec(dlq(COMMANDS_SAP), 1, false, "as source", DLQ_VALUE),
          new TopicSpec(dlq(COMMANDS_DYNAMICS), 1, false, "as source", DLQ_VALUE),
          new TopicSpec(dlq(COMMANDS_ORACLE), 1, false, "as source", DLQ_VALUE),
          new TopicSpec(dlq(RESULTS), 1, false, "as source", DLQ_VALUE));

  private Topics() {}

  public static String dlq(String topic) {
    return topic + ".dlq";
  }

  public static String commandsFor(ErpType erpType) {
    return erpType.family().commandTopic();
  }

  public static String connectionKey(long connectionId) {
    return Long.toString(connectionId);
  }

  public static String jobKey(long jobId) {
    return Long.toString(jobId);
  }

  /** Key of tgm.changes: keeps every change of one TGM record in order on one partition. */
  public static String tgmRecordKey(EntityType entityType, long id) {
    return entityType.name() + ":" + id;
  }
}
