package com.tgm.erpsync.webhook.ingest;

/**
 * Why a webhook was refused: the HTTP status, a stable reason (metric tag, problem member), a
 * detail that never contains a secret, and the field at fault when there is one.
 */
public record Rejection(Reason reason, String detail, String field, long retryAfterSeconds) {

  public Rejection(Reason reason, String detail) {
    this(reason, detail, null, 0);
  }

  public int status() {
    return reason.status;
  }

  /** Every reason a webhook is refused, with its status. */
  public enum Reason {
    UNKNOWN_CONNECTION(404),
    WRONG_ROUTE(404),
    CONNECTION_DISABLED(403),
    WEBHOOKS_DISABLED(403),
    MISSING_CREDENTIALS(401),
    WRONG_SECRET(401),
    BAD_SIGNATURE(401),
    BAD_TIMESTAMP(401),
    STALE_TIMESTAMP(401),
    WRONG_CLIENT_STATE(401),
    TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    MALFORMED(400),
    BAD_VALIDATION_TOKEN(400),
    RATE_LIMITED(429),
    NOT_READY(503),
    MISCONFIGURED(503),
    NOT_PUBLISHED(503);

    final int status;

    Reason(int status) {
      this.status = status;
    }

    /** The reason as it appears in metrics and problem bodies, e.g. {@code bad-signature}. */
    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }
}
