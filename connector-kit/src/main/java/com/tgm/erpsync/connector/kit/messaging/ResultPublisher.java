package com.tgm.erpsync.connector.kit.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.result.ConnectionTested;
import com.tgm.erpsync.contracts.result.ConnectorResult;
import com.tgm.erpsync.contracts.result.ExtractFailed;
import com.tgm.erpsync.contracts.result.PageExtracted;
import com.tgm.erpsync.contracts.result.RecordApplied;
import com.tgm.erpsync.contracts.result.RecordFailed;
import com.tgm.erpsync.contracts.result.RecordFetched;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes results to {@code erp.results} and waits for the broker's acknowledgement, so a command
 * is only acknowledged once its answer is durable (at least once, never lost).
 */
@ApplicationScoped
public class ResultPublisher {
  public static final String RESULTS = "erp-results";

  /** Results sent before waiting for the broker's acknowledgements. */
  static final int IN_FLIGHT = 100;

  private final MutinyEmitter<String> emitter;
  private final ObjectMapper mapper;

  public ResultPublisher(@Channel(RESULTS) MutinyEmitter<String> emitter, ObjectMapper mapper) {
    this.emitter = emitter;
    this.mapper = mapper;
  }

  /**
   * Sends the results and waits until the broker acknowledged every one: the answers of a batch go
   * out together, {@link #IN_FLIGHT} at a time (within the emitter's buffer), not one round trip
   * each.
   */
  public void publish(List<ConnectorResult> results) {
    for (int from = 0; from < results.size(); from += IN_FLIGHT) {
      List<Uni<Void>> sent = new ArrayList<>();
      for (ConnectorResult result :
          results.subList(from, Math.min(results.size(), from + IN_FLIGHT))) {
        sent.add(emitter.sendMessage(message(result)));
      }
      Uni.join().all(sent).andFailFast().await().indefinitely();
    }
  }

  private Message<String> message(ConnectorResult result) {
    return Message.of(encode(result))
        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key(result)).build());
  }

  private String encode(ConnectorResult result) {
    try {
      return mapper.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + result.getClass().getSimpleName(), e);
    }
  }

  /**
   * Results are keyed by job, so one job's answers stay in order; connection tests by connection.
   */
  static String key(ConnectorResult result) {
    if (result instanceof ConnectionTested tested) {
      return Topics.connectionKey(tested.connectionId());
    }
    if (result instanceof PageExtracted page) {
      return Topics.jobKey(page.jobId());
    }
    if (result instanceof ExtractFailed failed) {
      return Topics.jobKey(failed.jobId());
    }
    if (result instanceof RecordFetched fetched) {
      return Topics.jobKey(fetched.jobId());
    }
    if (result instanceof RecordApplied applied) {
      return Topics.jobKey(applied.jobId());
    }
    if (result instanceof RecordFailed failed) {
      return Topics.jobKey(failed.jobId());
    }
    throw new IllegalArgumentException("No key for " + result.getClass());
  }
}
