package com.tgm.erpsync.connection.edge;

/**
 * The service took the request but did not answer within the read timeout. The edge answers 504,
 * not 503: the request did arrive, so a write may still take effect there and a blind retry could
 * start a second sync job.
 */
public class DownstreamTimeoutException extends DownstreamUnavailableException {

  public DownstreamTimeoutException(String service, long readTimeoutMs) {
    super(
        service,
        "no answer within " + readTimeoutMs + " ms",
        service
            + " did not answer within "
            + readTimeoutMs
            + " ms; the request may still take effect there");
  }
}
