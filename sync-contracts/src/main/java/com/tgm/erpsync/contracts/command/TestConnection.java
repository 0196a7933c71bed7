package com.tgm.erpsync.contracts.command;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.tgm.erpsync.contracts.MessageMeta;
import java.util.Objects;

/** Check that the connection's credentials and endpoint work; answered by ConnectionTested. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TestConnection(MessageMeta meta, long connectionId) implements ConnectorCommand {

  public TestConnection {
    Objects.requireNonNull(meta, "meta");
  }
}
