package com.tgm.erpsync.webhook.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.change.ErpChangeNotification;
import com.tgm.erpsync.webhook.WebhookConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes accepted changes on erp.changes, keyed by connection, and completes only when the
 * broker acknowledged every one of them: acks from all in-sync replicas, an idempotent producer (a
 * retried send is not written twice), every wait bounded by {@code webhook.publish-timeout}. Sends
 * are handed to a thread of their own, so a broker that is away never blocks the HTTP event loop.
 */
@ApplicationScoped
public class ChangePublisher {
  private static final Set<String> PRODUCER_SETTINGS = ProducerConfig.configNames();

  private final ObjectWriter writer;
  private final KafkaProducer<String, String> producer;
  private final Duration timeout;
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "erp-changes-sender");
            thread.setDaemon(true);
            return thread;
          });

  @Inject
  public ChangePublisher(
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
      ObjectMapper mapper,
      WebhookConfig config) {
    this(kafkaConfig, mapper, config.publishTimeout());
  }

  ChangePublisher(Map<String, Object> kafkaConfig, ObjectMapper mapper, Duration timeout) {
    this.writer = mapper.writerFor(ErpChangeNotification.class);
    this.timeout = timeout;
    this.producer = new KafkaProducer<>(settings(kafkaConfig, timeout));
  }

  /** Completes when every notification is acknowledged, exceptionally when one is not. */
  public CompletableFuture<Void> publish(List<ErpChangeNotification> notifications) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    List<ProducerRecord<String, String>> records;
    try {
      records =
          notifications.stream()
              .map(
                  n ->
                      new ProducerRecord<>(
                          Topics.ERP_CHANGES, Topics.connectionKey(n.connectionId()), json(n)))
              .toList();
    } catch (IllegalStateException e) {
      done.completeExceptionally(e);
      return done;
    }
    AtomicInteger pending = new AtomicInteger(records.size());
    try {
      sender.execute(
          () -> {
            for (ProducerRecord<String, String> record : records) {
              try {
                producer.send(
                    record,
                    (metadata, error) -> {
                      if (error != null) {
                        done.completeExceptionally(error);
                      } else if (pending.decrementAndGet() == 0) {
                        done.complete(null);
                      }
                    });
              } catch (RuntimeException e) {
                done.completeExceptionally(e);
                return;
              }
            }
          });
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
    return done.orTimeout(timeout.toMillis() + 2_000, TimeUnit.MILLISECONDS);
  }

  void close(@Observes ShutdownEvent event) {
    close();
  }

  void close() {
    sender.shutdown();
    producer.close(Duration.ofSeconds(5));
  }

  private String json(ErpChangeNotification message) {
    try {
      return writer.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
    }
  }

  private static Map<String, Object> settings(Map<String, Object> kafkaConfig, Duration timeout) {
    Map<String, Object> settings = new HashMap<>();
    kafkaConfig.forEach(
        (name, value) -> {
          if (PRODUCER_SETTINGS.contains(name) || "tls.configuration.name".equals(name)) {
            settings.put(name, value);
          }
        });
    int timeoutMs = (int) timeout.toMillis();
    settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    settings.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
    settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs + 1_000);
    settings.put(ProducerConfig.CLIENT_ID_CONFIG, "webhook-gateway");
    return settings;
  }
}
