package com.tgm.erpsync.connection.messaging;

/** Kafka could not take or deliver a message this service needed to send now. */
public class MessagingUnavailableException extends RuntimeException {
  public MessagingUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
