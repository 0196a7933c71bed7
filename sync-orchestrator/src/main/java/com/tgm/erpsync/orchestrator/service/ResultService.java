package com.tgm.erpsync.orchestrator.service;

import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.event.SyncEvent;
import com.tgm.erpsync.contracts.event.SyncEventTypes;
import com.tgm.erpsync.contracts.result.ConnectionTested;
import com.tgm.erpsync.contracts.result.ConnectorResult;
import com.tgm.erpsync.orchestrator.config.OrchestratorConfig;
import com.tgm.erpsync.orchestrator.messaging.SyncEventPublisher;
import com.tgm.erpsync.orchestrator.repository.ProcessedMessageRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the orchestrator does with each connector result. */
@ApplicationScoped
public class ResultService {
  static final String CONSUMER = "erp-results";

  private final ProcessedMessageRepository processed;
  private final SyncEventPublisher events;
  private final OrchestratorConfig config;

  public ResultService(
      ProcessedMessageRepository processed, SyncEventPublisher events, OrchestratorConfig config) {
    this.processed = processed;
    this.events = events;
    this.config = config;
  }

  /** Handles a result in one transaction with its entry in the message log. */
  @Transactional
  public void handle(ConnectorResult result) {
    if (!processed.markProcessed(CONSUMER, result.meta().messageId())) {
      Log.debugf("ErpSync result %s seen before, skipped", result.meta().messageId());
      return;
    }
    if (result instanceof ConnectionTested tested) {
      publishConnectionTested(tested);
    } else {
      Log.warnf(
          "ErpSync %s for connection %d ignored: correlation %s names no job of this orchestrator",
          result.getClass().getSimpleName(), result.connectionId(), result.meta().correlationId());
    }
  }

  private void publishConnectionTested(ConnectionTested tested) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("connectionId", tested.connectionId());
    data.put("erpType", tested.erpType() == null ? null : tested.erpType().name());
    data.put("status", tested.success() ? "success" : "failure");
    data.put("message", tested.message());
    data.put("errorCode", tested.errorCode() == null ? null : tested.errorCode().name());
    data.put("testedAt", tested.testedAt().toString());
    data.put("latencyMs", tested.latencyMs());
    SyncEvent event =
        SyncEvent.of(
            SyncEventTypes.CONNECTION_TESTED,
            config.eventSource(),
            "connections/" + tested.connectionId(),
            tested.meta().correlationId(),
            data);
    events.publish(Topics.connectionKey(tested.connectionId()), event);
    Log.infof(
        "ErpSync connection %d tested: %s (%s)",
        tested.connectionId(), tested.success() ? "success" : "failure", tested.message());
  }
}
