package com.tgm.erpsync.webhook.format;

import com.tgm.erpsync.contracts.ErpType;
import java.util.Map;

/**
 * A webhook request as the gateway received it, its body already parsed as JSON.
 *
 * @param route the URL it came in on
 * @param erpType the type of the connection it is addressed to
 * @param headers request headers, names in lower case, the first value of each
 * @param mediaType the Content-Type without parameters, in lower case
 */
public record InboundWebhook(
    WebhookRoute route, ErpType erpType, Map<String, String> headers, String mediaType) {

  public String header(String lowerCaseName) {
    return headers.get(lowerCaseName);
  }
}
