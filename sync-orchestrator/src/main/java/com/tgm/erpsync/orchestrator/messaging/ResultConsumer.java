package com.tgm.erpsync.orchestrator.messaging;

import com.tgm.erpsync.contracts.result.ConnectorResult;
import com.tgm.erpsync.orchestrator.service.ResultService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
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

  private final BatchDecoder decoder;
  private final ResultService results;

  public ResultConsumer(BatchDecoder decoder, ResultService results) {
    this.decoder = decoder;
    this.results = results;
  }

  /** Decodes the batch (poison to the DLQ once) and hands the rest over, retried until it holds. */
  @Incoming(RESULTS)
  @Blocking
  public void consume(ConsumerRecords<String, String> records) {
    List<ConnectorResult> decoded = decoder.decode(records, ConnectorResult.class, "result");
    if (!decoded.isEmpty()) {
      results.handle(decoded);
    }
  }
}
