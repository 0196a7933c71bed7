package com.tgm.erpsync.testsupport.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.tgm.erpsync.contracts.command.ConnectorCommand;
import com.tgm.erpsync.contracts.result.ConnectorResult;

/**
 * The contracts' JSON as the services write and read it (Quarkus' default mapper): instants as
 * ISO-8601 strings, unknown properties ignored, commands and results polymorphic by "type".
 */
public final class ContractJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ContractJson() {}

  /** A command or result is written through its sealed interface, so "type" is always there. */
  public static String write(Object value) {
    try {
      if (value instanceof ConnectorCommand) {
        return MAPPER.writerFor(ConnectorCommand.class).writeValueAsString(value);
      }
      if (value instanceof ConnectorResult) {
        return MAPPER.writerFor(ConnectorResult.class).writeValueAsString(value);
      }
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * Reads JSON as the given type; throws IllegalArgumentException with the reason when it is not.
   */
  public static <T> T read(String json, Class<T> type) {
    if (json == null || json.isBlank()) {
      throw new IllegalArgumentException("empty " + type.getSimpleName());
    }
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage());
    }
  }

  public static ConnectorCommand command(String json) {
    return read(json, ConnectorCommand.class);
  }

  public static ConnectorResult result(String json) {
    return read(json, ConnectorResult.class);
  }
}
