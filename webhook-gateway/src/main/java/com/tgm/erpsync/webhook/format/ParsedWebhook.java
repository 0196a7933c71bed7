package com.tgm.erpsync.webhook.format;

import java.util.List;

/**
 * What a webhook body said: its changes, in the order the ERP listed them, and the shared secrets
 * the body itself carries (Business Central's {@code clientState} of every notification), each of
 * which must equal the connection's webhook secret.
 */
public record ParsedWebhook(String format, List<ChangeEvent> events, List<String> bodySecrets) {

  public ParsedWebhook {
    events = List.copyOf(events);
    bodySecrets = List.copyOf(bodySecrets);
  }
}
