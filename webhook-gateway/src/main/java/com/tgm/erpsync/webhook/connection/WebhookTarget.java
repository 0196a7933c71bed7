package com.tgm.erpsync.webhook.connection;

import com.tgm.erpsync.contracts.ErpFamily;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.webhook.format.WebhookMapping;

/**
 * What the gateway needs of a connection to take its webhooks: whether it takes them, its webhook
 * secret decrypted (never logged, never serialised), where a generic body keeps its fields, and
 * what is wrong with its configuration when something is.
 *
 * @param problem why the connection's webhooks cannot be taken (secret not decryptable, webhook
 *     mapping invalid), null when nothing is wrong
 * @param rateLimit requests per period, or 0 for the gateway's default
 */
public record WebhookTarget(
    long connectionId,
    long version,
    ErpType erpType,
    boolean enabled,
    boolean webhookEnabled,
    byte[] secret,
    WebhookMapping mapping,
    int rateLimit,
    String problem) {

  public ErpFamily family() {
    return erpType.family();
  }

  @Override
  public String toString() {
    return "WebhookTarget[connection " + connectionId + " v" + version + ", " + erpType + "]";
  }
}
