package com.tgm.erpsync.orchestrator.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.contracts.event.SyncEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes CloudEvents on the public erp.sync.events topic and waits for the broker's ack. */
@ApplicationScoped
public class SyncEventPublisher {
  public static final String SYNC_EVENTS = "erp-sync-events";

  private final MutinyEmitter<String> emitter;
  private final ObjectMapper mapper;

  public SyncEventPublisher(
      @Channel(SYNC_EVENTS) MutinyEmitter<String> emitter, ObjectMapper mapper) {
    this.emitter = emitter;
    this.mapper = mapper;
  }

  /**
   * @param key the connection id, so one connection's events stay in order
   */
  public void publish(String key, SyncEvent event) {
    String json;
    try {
      json = mapper.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode event " + event.type(), e);
    }
    emitter.sendMessageAndAwait(
        Message.of(json)
            .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()));
  }
}
