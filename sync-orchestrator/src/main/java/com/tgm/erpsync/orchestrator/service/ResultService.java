package com.tgm.erpsync.orchestrator.service;

import com.tgm.erpsync.contracts.event.SyncEvent;
import com.tgm.erpsync.contracts.event.SyncEventTypes;
import com.tgm.erpsync.contracts.result.ConnectionTested;
import com.tgm.erpsync.contracts.result.ConnectorResult;
import com.tgm.erpsync.contracts.result.ExtractFailed;
import com.tgm.erpsync.contracts.result.PageExtracted;
import com.tgm.erpsync.contracts.result.RecordApplied;
import com.tgm.erpsync.contracts.result.RecordFailed;
import com.tgm.erpsync.contracts.result.RecordFetched;
import com.tgm.erpsync.orchestrator.repository.ProcessedMessageRepository;
import com.tgm.erpsync.orchestrator.sync.JobDriver;
import com.tgm.erpsync.orchestrator.sync.JobEvents;
import com.tgm.erpsync.orchestrator.sync.ResultHandler;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * What the orchestrator does with connector results, a batch at a time: each result once (its
 * message id goes into the message log in the batch's transaction), job results applied to their
 * jobs with one counter update per job, connection tests published as events.
 */
@ApplicationScoped
public class ResultService {
  static final String CONSUMER = "erp-results";

  /** Long enough for a batch of large pages; a batch that takes longer is retried whole. */
  private static final int TRANSACTION_TIMEOUT_SECONDS = 600;

  private final ProcessedMessageRepository processed;
  private final JobEvents events;
  private final ResultHandler handler;
  private final JobDriver driver;

  public ResultService(
      ProcessedMessageRepository processed,
      JobEvents events,
      ResultHandler handler,
      JobDriver driver) {
    this.processed = processed;
    this.events = events;
    this.handler = handler;
    this.driver = driver;
  }

  /**
   * Handles a batch in one transaction; when that fails (database down) the whole batch is tried
   * again with backoff, which changes nothing twice.
   */
  @Retry(maxRetries = -1, delay = 500, maxDuration = 365, durationUnit = ChronoUnit.DAYS)
  @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
  public void handle(List<ConnectorResult> batch) {
    boolean more =
        QuarkusTransaction.requiringNew()
            .timeout(TRANSACTION_TIMEOUT_SECONDS)
            .call(() -> handleOnce(batch));
    if (more) {
      driver.wake();
    }
  }

  private boolean handleOnce(List<ConnectorResult> batch) {
    List<ConnectorResult> fresh = new ArrayList<>(batch.size());
    for (ConnectorResult result : batch) {
      if (processed.markProcessed(CONSUMER, result.meta().messageId())) {
        fresh.add(result);
      } else {
        Log.debugf("ErpSync result %s seen before, skipped", result.meta().messageId());
      }
    }
    List<ConnectorResult> ofJobs = new ArrayList<>(fresh.size());
    for (ConnectorResult result : fresh) {
      if (result instanceof ConnectionTested tested) {
        publishConnectionTested(tested);
      } else if (result instanceof PageExtracted
          || result instanceof ExtractFailed
          || result instanceof RecordFetched
          || result instanceof RecordApplied
          || result instanceof RecordFailed) {
        ofJobs.add(result);
      }
    }
    return ofJobs.isEmpty() ? false : handler.handle(ofJobs);
  }

  private void publishConnectionTested(ConnectionTested tested) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("connectionId", tested.connectionId());
    data.put("erpType", tested.erpType() == null ? null : tested.erpType().name());
    data.put("status", tested.success() ? "success" : "failure");
    data.put("message", tested.message());
    data.put("errorCode", tested.errorCode() == null ? null : tested.errorCode().name());
    data.put("testedAt", tested.testedAt() == null ? null : tested.testedAt().toString());
    data.put("latencyMs", tested.latencyMs());
    SyncEvent event =
        SyncEvent.of(
            SyncEventTypes.CONNECTION_TESTED,
            events.source(),
            "connections/" + tested.connectionId(),
            tested.meta().correlationId(),
            data);
    events.publish(tested.connectionId(), event);
    Log.infof(
        "ErpSync connection %d tested: %s (%s)",
        tested.connectionId(), tested.success() ? "success" : "failure", tested.message());
  }
}
