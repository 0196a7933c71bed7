package com.tgm.erpsync.orchestrator.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.tgm.erpsync.contracts.result.ConnectorResult;
import com.tgm.erpsync.orchestrator.service.ResultService;
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
 * Consumes the connectors' results a batch at a time: the whole batch is handled in one transaction
 * with its entries in the message log (so counters are written once per job per batch), and retried
 * whole with backoff when that fails (database down). A record that cannot be decoded does not sink
 * its batch: it goes to erp.results.dlq with the reason, and the rest goes on.
 */
@ApplicationScoped
public class ResultConsumer {
  public static final String RESULTS = "erp-results";

  private final ObjectMapper mapper;
  private final ResultService results;
  private final DeadLetters deadLetters;

  public ResultConsumer(ObjectMapper mapper, ResultService results, DeadLetters deadLetters) {
    // record values keep their decimals exact, as the mapping engine expects them
    this.mapper =
        mapper
            .copy()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    this.results = results;
    this.deadLetters = deadLetters;
  }

  /** Decodes the batch (poison to the DLQ once) and hands the rest over, retried until it holds. */
  @Incoming(RESULTS)
  @Blocking
  public void consume(ConsumerRecords<String, String> records) {
    List<ConnectorResult> decoded = new ArrayList<>(records.count());
    for (ConsumerRecord<String, String> record : records) {
      try {
        decoded.add(decode(record.value()));
      } catch (IllegalArgumentException poison) {
        Log.warnf(
            "ERP result at %s-%d@%d moved to the dead-letter topic: %s",
            record.topic(), record.partition(), record.offset(), poison.getMessage());
        deadLetters.sendUntilAccepted(record, poison.getMessage());
      }
    }
    if (!decoded.isEmpty()) {
      results.handle(decoded);
    }
  }

  private ConnectorResult decode(String json) {
    if (json == null || json.isBlank()) {
      throw new IllegalArgumentException("empty result");
    }
    try {
      ConnectorResult result = mapper.readValue(json, ConnectorResult.class);
      if (result == null || result.meta() == null) {
        throw new IllegalArgumentException("undecodable result: no meta");
      }
      return result;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("undecodable result: " + e.getOriginalMessage());
    }
  }
}
