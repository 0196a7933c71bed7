package com.tgm.erpsync.mapping.service;

/** A request that contradicts the stored state (a second mapping of an entity); a 409. */
public class ConflictException extends RuntimeException {
  private final String field;

  public ConflictException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The request field that collides. */
  public String field() {
    return field;
  }
}
