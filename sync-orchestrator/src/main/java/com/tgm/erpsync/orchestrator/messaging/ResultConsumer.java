package com.tgm.erpsync.orchestrator.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.contracts.result.ConnectorResult;
import com.tgm.erpsync.orchestrator.service.ResultService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the connectors' results. Each result is handled in one transaction with its entry in the
 * message log; an undecodable one is rejected with the reason and goes to erp.results.dlq.
 */
@ApplicationScoped
public class ResultConsumer {
  public static final String RESULTS = "erp-results";

  private final ObjectMapper mapper;
  private final ResultService results;

  public ResultConsumer(ObjectMapper mapper, ResultService results) {
    this.mapper = mapper;
    this.results = results;
  }

  @Incoming(RESULTS)
  @Blocking
  @Retry(
      maxRetries = -1,
      delay = 500,
      maxDuration = 365,
      durationUnit = ChronoUnit.DAYS,
      abortOn = IllegalArgumentException.class)
  @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
  public void consume(String json) {
    results.handle(decode(json));
  }

  private ConnectorResult decode(String json) {
    if (json == null || json.isBlank()) {
      throw new IllegalArgumentException("empty result");
    }
    try {
      return mapper.readValue(json, ConnectorResult.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("undecodable result: " + e.getOriginalMessage());
    }
  }
}
