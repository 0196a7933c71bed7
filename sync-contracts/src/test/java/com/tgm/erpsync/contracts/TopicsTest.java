package com.tgm.erpsync.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicsTest {

  private static final Map<String, TopicSpec> BY_NAME =
      Topics.ALL.stream().collect(Collectors.toMap(TopicSpec::name, spec -> spec));

  private static List<String> topicConstants() {
    return Arrays.stream(Topics.class.getFields())
        .filter(field -> Modifier.isStatic(field.getModifiers()))
        .filter(field -> field.getType() == String.class)
        .filter(field -> !field.getName().endsWith("_HEADER"))
        .map(TopicsTest::value)
        .toList();
  }

  private static String value(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyTopicConstantIsCreatedOnceWithItsSpec() {
    assertThat(topicConstants())
        .containsExactlyInAnyOrder(
            "erp.connections",
            "erp.mappings",
            "tgm.changes",
            "erp.changes",
            "erp.commands.sap",
            "erp.commands.dynamics",
            "erp.commands.oracle",
            "erp.results",
            "erp.sync.events");
    assertThat(BY_NAME.keySet()).containsAll(topicConstants());
    assertThat(Topics.ALL).hasSize(BY_NAME.size());
  }

  @Test
  void everyConsumedWorkTopicHasASingleCompactFreeDeadLetterTopic() {
    List<String> withDlq =
        List.of(
            Topics.TGM_CHANGES,
            Topics.ERP_CHANGES,
            Topics.COMMANDS_SAP,
            Topics.COMMANDS_DYNAMICS,
            Topics.COMMANDS_ORACLE,
            Topics.RESULTS);

    assertThat(Topics.ALL.stream().map(TopicSpec::name).filter(name -> name.endsWith(".dlq")))
        .containsExactlyInAnyOrderElementsOf(withDlq.stream().map(Topics::dlq).toList());
    for (String topic : withDlq) {
      TopicSpec dlq = BY_NAME.get(topic + ".dlq");
      assertThat(dlq.partitions()).isEqualTo(1);
      assertThat(dlq.compacted()).isFalse();
    }
  }

  @Test
  void onlyTheSnapshotTopicsAreCompactedAndTheyHaveOnePartition() {
    assertThat(Topics.ALL.stream().filter(TopicSpec::compacted).map(TopicSpec::name))
        .containsExactlyInAnyOrder(Topics.CONNECTIONS, Topics.MAPPINGS);
    assertThat(BY_NAME.get(Topics.CONNECTIONS).partitions()).isEqualTo(1);
    assertThat(BY_NAME.get(Topics.MAPPINGS).partitions()).isEqualTo(1);
  }

  @Test
  void workTopicsHaveSixPartitionsAndSyncEventsThree() {
    for (String topic :
        List.of(
            Topics.TGM_CHANGES,
            Topics.ERP_CHANGES,
            Topics.COMMANDS_SAP,
            Topics.COMMANDS_DYNAMICS,
            Topics.COMMANDS_ORACLE,
            Topics.RESULTS)) {
      assertThat(BY_NAME.get(topic).partitions()).as(topic).isEqualTo(6);
    }
    assertThat(BY_NAME.get(Topics.SYNC_EVENTS).partitions()).isEqualTo(3);
  }

  @Test
  void everyTopicDescribesItsKeyAndValue() {
    assertThat(Topics.ALL)
        .allSatisfy(
            spec -> {
              assertThat(spec.key()).isNotBlank();
              assertThat(spec.value()).isNotBlank();
            });
    assertThat(BY_NAME.get(Topics.RESULTS).key()).contains("jobId").contains("ConnectionTested");
    assertThat(BY_NAME.get(Topics.TGM_CHANGES).key()).contains("UNIT:456");
    assertThat(BY_NAME.get(Topics.MAPPINGS).key()).contains("mappingId");
  }

  @Test
  void keysAreDecimalIdsOrEntityAndId() {
    assertThat(Topics.connectionKey(1)).isEqualTo("1");
    assertThat(Topics.jobKey(123)).isEqualTo("123");
    assertThat(Topics.tgmRecordKey(EntityType.UNIT, 456)).isEqualTo("UNIT:456");
    assertThat(Topics.tgmRecordKey(EntityType.WORK_ORDER, 9001)).isEqualTo("WORK_ORDER:9001");
    assertThat(Topics.dlq(Topics.RESULTS)).isEqualTo("erp.results.dlq");
  }

  @Test
  void deadLetterHeadersAreTheOnesSmallRyeWrites() {
    assertThat(
            List.of(
                Topics.DLQ_REASON_HEADER,
                Topics.DLQ_CAUSE_HEADER,
                Topics.DLQ_SOURCE_TOPIC_HEADER,
                Topics.DLQ_SOURCE_PARTITION_HEADER,
                Topics.DLQ_SOURCE_OFFSET_HEADER))
        .containsExactly(
            "dead-letter-reason",
            "dead-letter-cause",
            "dead-letter-topic",
            "dead-letter-partition",
            "dead-letter-offset");
  }
}
