package com.tgm.erpsync.connection.edge;

/**
 * The service answered, but with a failure of its own (5xx) or something that cannot be read. The
 * edge answers 502.
 */
public class DownstreamFailureException extends DownstreamException {

  public DownstreamFailureException(String service, String reason) {
    super(service, reason, service + " failed: " + reason);
  }
}
