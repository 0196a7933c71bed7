package com.tgm.erpsync.connector.kit.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.connector.kit.service.CommandDispatcher;
import com.tgm.erpsync.contracts.command.ConnectorCommand;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes this connector family's command topic. A message that is not a valid command is rejected
 * with the reason, and the channel's failure strategy moves it to the DLQ.
 */
@ApplicationScoped
public class CommandConsumer {
  public static final String COMMANDS = "erp-commands";

  private final ObjectMapper mapper;
  private final CommandDispatcher dispatcher;

  public CommandConsumer(ObjectMapper mapper, CommandDispatcher dispatcher) {
    this.mapper = mapper;
    this.dispatcher = dispatcher;
  }

  @Incoming(COMMANDS)
  @Blocking
  @Retry(
      maxRetries = -1,
      delay = 500,
      maxDuration = 365,
      durationUnit = ChronoUnit.DAYS,
      abortOn = IllegalArgumentException.class)
  @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
  public void consume(String json) throws InterruptedException {
    dispatcher.dispatch(decode(json));
  }

  ConnectorCommand decode(String json) {
    if (json == null || json.isBlank()) {
      throw new IllegalArgumentException("empty command");
    }
    try {
      return mapper.readValue(json, ConnectorCommand.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("undecodable command: " + e.getOriginalMessage());
    }
  }
}
