package com.tgm.erpsync.connection.edge;

/**
 * The service could not be reached (connection refused, connect timeout, unknown host) or said it
 * cannot serve now. The edge answers 503: nothing reached the service, retrying later is safe.
 */
public class DownstreamUnavailableException extends DownstreamException {

  public DownstreamUnavailableException(String service, String reason) {
    super(service, reason, service + " is unreachable: " + reason);
  }

  protected DownstreamUnavailableException(String service, String reason, String message) {
    super(service, reason, message);
  }
}
