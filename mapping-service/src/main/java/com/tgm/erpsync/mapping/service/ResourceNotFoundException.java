package com.tgm.erpsync.mapping.service;

/** The connection or mapping a request names does not exist; a 404 that says which. */
public class ResourceNotFoundException extends RuntimeException {
  public ResourceNotFoundException(String message) {
    super(message);
  }
}
