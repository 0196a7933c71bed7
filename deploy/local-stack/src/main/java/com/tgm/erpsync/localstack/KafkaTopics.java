package com.tgm.erpsync.localstack;

import com.tgm.erpsync.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics of {@link Topics#ALL} that the broker does not have yet. */
final class KafkaTopics {

  private KafkaTopics() {}

  /** Returns how many topics it created; the rest existed already. */
  static int createMissing(String bootstrapServers)
      throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "local-stack");
    try (Admin admin = Admin.create(config)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (var spec : Topics.ALL) {
        if (existing.contains(spec.name())) {
          continue;
        }
        NewTopic topic = new NewTopic(spec.name(), spec.partitions(), (short) 1);
        if (spec.compacted()) {
          topic.configs(
              Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        missing.add(topic);
      }
      if (missing.isEmpty()) {
        return 0;
      }
      int created = 0;
      for (var result : admin.createTopics(missing).values().entrySet()) {
        try {
          result.getValue().get(30, TimeUnit.SECONDS);
          created++;
        } catch (ExecutionException e) {
          // a service may have been quicker (it should not, auto-create is off): that is fine
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      return created;
    }
  }
}
