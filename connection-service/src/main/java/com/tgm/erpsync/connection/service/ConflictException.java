package com.tgm.erpsync.connection.service;

/** A request that contradicts the current state (e.g. a running job); answered with a 409. */
public class ConflictException extends RuntimeException {
  public ConflictException(String message) {
    super(message);
  }
}
