package com.tgm.erpsync.orchestrator.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.tgm.erpsync.contracts.SyncMessage;
import com.tgm.erpsync.contracts.change.ErpChangeNotification;
import com.tgm.erpsync.contracts.change.TgmRecordChanged;
import com.tgm.erpsync.orchestrator.service.RealtimeService;
import com.tgm.erpsync.orchestrator.sync.DeadLetters;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes realtime changes a batch at a time: TGM row changes (tgm.changes) and verified ERP
 * change notifications (erp.changes). A record that cannot be decoded goes to the topic's
 * dead-letter topic with the reason, and the rest of its batch goes on.
 */
@ApplicationScoped
public class ChangeConsumer {
  public static final String TGM_CHANGES = "tgm-changes";
  public static final String ERP_CHANGES = "erp-changes";

  private final ObjectMapper mapper;
  private final RealtimeService realtime;
  private final DeadLetters deadLetters;

  public ChangeConsumer(ObjectMapper mapper, RealtimeService realtime, DeadLetters deadLetters) {
    // record values keep their decimals exact, as the mapping engine expects them
    this.mapper =
        mapper
            .copy()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    this.realtime = realtime;
    this.deadLetters = deadLetters;
  }

  @Incoming(TGM_CHANGES)
  @Blocking
  public void tgmChanged(ConsumerRecords<String, String> records) {
    List<TgmRecordChanged> decoded = decode(records, TgmRecordChanged.class);
    if (!decoded.isEmpty()) {
      realtime.tgmChanged(decoded);
    }
  }

  @Incoming(ERP_CHANGES)
  @Blocking
  public void erpChanged(ConsumerRecords<String, String> records) {
    List<ErpChangeNotification> decoded = decode(records, ErpChangeNotification.class);
    if (!decoded.isEmpty()) {
      realtime.erpChanged(decoded);
    }
  }

  private <T extends SyncMessage> List<T> decode(
      ConsumerRecords<String, String> records, Class<T> type) {
    List<T> decoded = new ArrayList<>(records.count());
    for (ConsumerRecord<String, String> record : records) {
      try {
        decoded.add(decode(record.value(), type));
      } catch (IllegalArgumentException poison) {
        Log.warnf(
            "ERP change at %s-%d@%d moved to the dead-letter topic: %s",
            record.topic(), record.partition(), record.offset(), poison.getMessage());
        deadLetters.sendUntilAccepted(record, poison.getMessage());
      }
    }
    return decoded;
  }

  private <T extends SyncMessage> T decode(String json, Class<T> type) {
    if (json == null || json.isBlank()) {
      throw new IllegalArgumentException("empty message");
    }
    try {
      T message = mapper.readValue(json, type);
      if (message == null || message.meta() == null) {
        throw new IllegalArgumentException("undecodable " + type.getSimpleName() + ": no meta");
      }
      return message;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "undecodable " + type.getSimpleName() + ": " + e.getOriginalMessage());
    } catch (NullPointerException e) {
      throw new IllegalArgumentException(
          "undecodable " + type.getSimpleName() + ": " + e.getMessage());
    }
  }
}
