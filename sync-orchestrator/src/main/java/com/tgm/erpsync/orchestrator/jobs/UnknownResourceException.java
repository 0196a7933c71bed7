package com.tgm.erpsync.orchestrator.jobs;

/** The connection or job a request names does not exist; a 404 that says which. */
public class UnknownResourceException extends RuntimeException {
  public UnknownResourceException(String message) {
    super(message);
  }
}
