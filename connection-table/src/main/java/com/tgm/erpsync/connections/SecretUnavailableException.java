package com.tgm.erpsync.connections;

/** A connection secret is missing or cannot be decrypted; the message never holds its value. */
public class SecretUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SecretUnavailableException(String message) {
    super(message);
  }
}
