package com.tgm.erpsync.orchestrator.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.tgm.erpsync.contracts.SyncMessage;
import com.tgm.erpsync.orchestrator.sync.DeadLetters;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * Decodes a consumed batch of messages: a record that cannot be decoded goes alone to its topic's
 * dead-letter topic with the reason ("undecodable result: ..."), and the rest of the batch goes on.
 * Values keep their decimals exact, as the mapping engine expects them.
 */
@ApplicationScoped
public class BatchDecoder {
  private final ObjectMapper mapper;
  private final DeadLetters deadLetters;

  public BatchDecoder(ObjectMapper mapper, DeadLetters deadLetters) {
    this.mapper =
        mapper
            .copy()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    this.deadLetters = deadLetters;
  }

  /**
   * The batch's messages of {@code type}, in order.
   *
   * @param what how a reason names the message ("result", "change")
   */
  public <T extends SyncMessage> List<T> decode(
      ConsumerRecords<String, String> records, Class<T> type, String what) {
    List<T> decoded = new ArrayList<>(records.count());
    for (ConsumerRecord<String, String> record : records) {
      try {
        decoded.add(decode(record.value(), type, what));
      } catch (IllegalArgumentException poison) {
        Log.warnf(
            "ERP %s at %s-%d@%d moved to the dead-letter topic: %s",
            what, record.topic(), record.partition(), record.offset(), poison.getMessage());
        deadLetters.sendUntilAccepted(record, poison.getMessage());
      }
    }
    return decoded;
  }

  private <T extends SyncMessage> T decode(String json, Class<T> type, String what) {
    if (json == null || json.isBlank()) {
      throw new IllegalArgumentException("empty " + what);
    }
    try {
      T message = mapper.readValue(json, type);
      if (message == null || message.meta() == null) {
        throw new IllegalArgumentException("undecodable " + what + ": no meta");
      }
      return message;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("undecodable " + what + ": " + e.getOriginalMessage());
    }
  }
}
