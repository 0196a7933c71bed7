package com.tgm.erpsync.testsupport;

import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends raw records to the real broker and waits for each to be acknowledged. */
public final class TestProducer implements AutoCloseable {
  private final KafkaProducer<String, String> producer;

  public TestProducer(KafkaEndpoint kafka) {
    Properties props = kafka.clientProperties();
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    producer = new KafkaProducer<>(props);
  }

  public void send(String topic, String key, String value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not send to " + topic, e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
