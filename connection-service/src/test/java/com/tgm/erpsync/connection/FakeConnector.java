package com.tgm.erpsync.connection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.command.ConnectorCommand;
import com.tgm.erpsync.contracts.command.TestConnection;
import com.tgm.erpsync.contracts.result.ConnectorResult;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.TestProducer;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Stands in for a connector service on the real broker: reads one family's command topic (from its
 * end at start) and answers each TestConnection with what {@code answers} returns, keyed by
 * connection id on erp.results as connectors do.
 */
final class FakeConnector implements AutoCloseable {
  /** A command as received, with the broker's timestamp. */
  record Received(TestConnection command, String key, long timestamp) {}

  private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final KafkaConsumer<String, String> consumer;
  private final TestProducer producer;
  private final Function<TestConnection, List<ConnectorResult>> answers;
  private final Thread thread;
  private volatile boolean running = true;

  FakeConnector(
      KafkaEndpoint kafka,
      String commandTopic,
      Function<TestConnection, List<ConnectorResult>> answers) {
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumer = new KafkaConsumer<>(props);
    List<TopicPartition> partitions =
        consumer.partitionsFor(commandTopic, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(commandTopic, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    producer = new TestProducer(kafka);
    this.answers = answers;
    thread = new Thread(this::run, "fake-connector-" + commandTopic);
    thread.setDaemon(true);
    thread.start();
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  private void run() {
    while (running) {
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
        try {
          ConnectorCommand command = mapper.readValue(record.value(), ConnectorCommand.class);
          if (command instanceof TestConnection test) {
            received.add(new Received(test, record.key(), record.timestamp()));
            for (ConnectorResult result : answers.apply(test)) {
              producer.send(
                  Topics.RESULTS,
                  Topics.connectionKey(test.connectionId()),
                  mapper.writerFor(ConnectorResult.class).writeValueAsString(result));
            }
          }
        } catch (Exception e) {
          throw new IllegalStateException("fake connector cannot handle " + record.value(), e);
        }
      }
    }
    consumer.close();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(5_000);
    producer.close();
  }
}
