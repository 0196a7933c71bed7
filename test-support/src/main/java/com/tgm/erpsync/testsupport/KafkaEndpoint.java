package com.tgm.erpsync.testsupport;

import com.tgm.erpsync.contracts.TopicSpec;
import com.tgm.erpsync.contracts.Topics;
import java.util.Collection;
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

/** A reachable Kafka cluster: the embedded KRaft broker or an external one. */
public record KafkaEndpoint(String bootstrapServers) {

  public Properties clientProperties() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return props;
  }

  public Admin admin() {
    return Admin.create(clientProperties());
  }

  /** Creates the topics that do not exist yet; existing ones are left as they are. */
  public void createTopics(Collection<TopicSpec> specs) {
    try (Admin admin = admin()) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing =
          specs.stream()
              .filter(spec -> !existing.contains(spec.name()))
              .map(
                  spec ->
                      new NewTopic(spec.name(), spec.partitions(), (short) 1)
                          .configs(
                              spec.compacted()
                                  ? Map.of(
                                      TopicConfig.CLEANUP_POLICY_CONFIG,
                                      TopicConfig.CLEANUP_POLICY_COMPACT)
                                  : Map.of()))
              .toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("Could not create topics on " + bootstrapServers, e);
    } catch (Exception e) {
      throw new IllegalStateException("Kafka at " + bootstrapServers + " is not reachable", e);
    }
  }

  public void createProductTopics() {
    createTopics(Topics.ALL);
  }
}
