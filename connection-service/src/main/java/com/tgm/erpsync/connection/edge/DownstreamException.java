package com.tgm.erpsync.connection.edge;

/**
 * A call to mapping-service or sync-orchestrator that produced no usable answer. The message names
 * the service and says what went wrong in words safe to show a caller: never a token, a URL or an
 * exception class.
 */
public abstract class DownstreamException extends RuntimeException {
  private final String service;
  private final String reason;

  protected DownstreamException(String service, String reason, String message) {
    super(message);
    this.service = service;
    this.reason = reason;
  }

  /** The downstream service, by its rest-client config key: mapping-service, sync-orchestrator. */
  public String service() {
    return service;
  }

  public String reason() {
    return reason;
  }
}
