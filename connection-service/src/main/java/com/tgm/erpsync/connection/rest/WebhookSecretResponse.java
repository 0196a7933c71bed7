package com.tgm.erpsync.connection.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A connection's webhook secret in clear, with where and how the ERP must send it: the secret in
 * the {@code X-Webhook-Secret} header, or an HMAC-SHA256 of the body under it in {@code
 * X-Webhook-Signature}.
 */
@Schema(
    example =
        """
        {"connectionId": 1, "webhookUrl": "/api/webhooks/erp/1",
         "webhookSecret": "q3Zx9v0dJ8kV2mB7nR4tY6uW1sE5aC0fH3jL8pQ2xZk",
         "secretHeader": "X-Webhook-Secret", "signatureHeader": "X-Webhook-Signature"}\
        """)
public record WebhookSecretResponse(
    long connectionId,
    String webhookUrl,
    String webhookSecret,
    String secretHeader,
    String signatureHeader) {

  public static WebhookSecretResponse of(long connectionId, String secret) {
    return new WebhookSecretResponse(
        connectionId,
        "/api/webhooks/erp/" + connectionId,
        secret,
        "X-Webhook-Secret",
        "X-Webhook-Signature");
  }
}
