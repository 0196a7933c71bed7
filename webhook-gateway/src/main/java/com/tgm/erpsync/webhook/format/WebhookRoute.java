package com.tgm.erpsync.webhook.format;

/** The URL a webhook came in on: {@code /api/webhooks/erp/[sap|dynamics|oracle/]{connectionId}}. */
public enum WebhookRoute {
  GENERIC,
  SAP,
  DYNAMICS,
  ORACLE
}
