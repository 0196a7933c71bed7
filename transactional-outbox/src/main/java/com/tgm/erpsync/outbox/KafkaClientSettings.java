package com.tgm.erpsync.outbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Settings of the plain Kafka clients a service creates itself (the outbox relay among them), built
 * from the {@code kafka.*} configuration (the broker, security, TLS) that Quarkus exposes as the
 * "default-kafka-broker" map.
 */
public final class KafkaClientSettings {
  private static final Set<String> PRODUCER_SETTINGS = ProducerConfig.configNames();
  private static final Set<String> CONSUMER_SETTINGS = ConsumerConfig.configNames();
  private static final String TLS_CONFIGURATION_NAME = "tls.configuration.name";

  private KafkaClientSettings() {}

  /**
   * A durable, ordered producer of string records: acks from all replicas, idempotence with at most
   * five requests in flight (each partition stays in send order on retries), every wait bounded.
   */
  public static Map<String, Object> producer(
      Map<String, Object> kafkaConfig, Duration timeout, String clientId) {
    Map<String, Object> settings = passOn(kafkaConfig, PRODUCER_SETTINGS);
    long timeoutMs = timeout.toMillis();
    settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
    settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs);
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs + 1_000);
    settings.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    return settings;
  }

  /** A consumer of string records that joins no group: its caller assigns partitions itself. */
  public static Map<String, Object> standaloneConsumer(
      Map<String, Object> kafkaConfig, String clientId) {
    Map<String, Object> settings = passOn(kafkaConfig, CONSUMER_SETTINGS);
    settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
    settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    settings.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    return settings;
  }

  private static Map<String, Object> passOn(Map<String, Object> kafkaConfig, Set<String> known) {
    Map<String, Object> settings = new HashMap<>();
    kafkaConfig.forEach(
        (name, value) -> {
          if (known.contains(name) || TLS_CONFIGURATION_NAME.equals(name)) {
            settings.put(name, value);
          }
        });
    return settings;
  }
}
