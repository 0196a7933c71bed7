package com.tgm.erpsync.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches a topic from the moment it is opened: every record published after that is seen, on every
 * partition, without joining a consumer group. Tests assert on what really reached Kafka.
 */
public final class TopicProbe implements AutoCloseable {
  private final KafkaConsumer<String, String> consumer;
  private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

  private TopicProbe(KafkaConsumer<String, String> consumer) {
    this.consumer = consumer;
  }

  public static TopicProbe open(KafkaEndpoint kafka, String topic) {
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    if (partitions.isEmpty()) {
      consumer.close();
      throw new IllegalArgumentException("topic " + topic + " does not exist");
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolve the end now, not at the first poll
    return new TopicProbe(consumer);
  }

  /** Waits for the first record (seen so far or arriving) that matches. */
  public ConsumerRecord<String, String> await(
      Predicate<ConsumerRecord<String, String>> matching, Duration timeout) {
    List<ConsumerRecord<String, String>> found = awaitCount(matching, 1, timeout);
    return found.get(0);
  }

  /** Waits until at least {@code count} matching records were seen and returns all of them. */
  public List<ConsumerRecord<String, String>> awaitCount(
      Predicate<ConsumerRecord<String, String>> matching, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<ConsumerRecord<String, String>> found = seen.stream().filter(matching).toList();
      if (found.size() >= count) {
        return found;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "expected "
                + count
                + " matching record(s) within "
                + timeout
                + ", saw "
                + found.size()
                + " of "
                + seen.size()
                + " record(s): "
                + seen.stream().map(ConsumerRecord::value).toList());
      }
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }
  }

  /**
   * Reads for {@code quietPeriod} more and returns everything that matched, for "exactly" checks.
   */
  public List<ConsumerRecord<String, String>> drain(
      Predicate<ConsumerRecord<String, String>> matching, Duration quietPeriod) {
    long deadline = System.nanoTime() + quietPeriod.toNanos();
    while (System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }
    return seen.stream().filter(matching).toList();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
