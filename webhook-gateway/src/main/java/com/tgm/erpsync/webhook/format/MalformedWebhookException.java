package com.tgm.erpsync.webhook.format;

/**
 * The body is JSON but not a webhook this gateway can read: answered 400 with the reason and the
 * field at fault (a JSON path such as {@code value[0].resource}), nothing published.
 */
public class MalformedWebhookException extends Exception {
  private final String field;

  public MalformedWebhookException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The JSON path of the field at fault, or null when the body as a whole is at fault. */
  public String field() {
    return field;
  }
}
