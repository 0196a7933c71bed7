package com.tgm.erpsync.webhook.format;

/** The webhook formats this gateway reads, and which route takes which. */
enum Format {
  CLOUDEVENTS_BINARY("cloudevents-binary", WebhookRoute.SAP),
  CLOUDEVENTS_STRUCTURED("cloudevents-structured", WebhookRoute.SAP),
  CLOUDEVENTS_BATCH("cloudevents-batch", WebhookRoute.SAP),
  BUSINESS_CENTRAL("business-central", WebhookRoute.DYNAMICS),
  DATAVERSE("dataverse", WebhookRoute.DYNAMICS),
  FINANCE_OPERATIONS("finance-operations", WebhookRoute.DYNAMICS),
  GENERIC("generic", WebhookRoute.ORACLE);

  private final String shortName;
  private final WebhookRoute route;

  Format(String shortName, WebhookRoute route) {
    this.shortName = shortName;
    this.route = route;
  }

  /** The name reported in {@link ParsedWebhook#format()}. */
  String shortName() {
    return shortName;
  }

  /**
   * Ensures the route takes this format: the generic route takes any, an ERP route only its own.
   */
  void checkRoute(WebhookRoute requested) throws MalformedWebhookException {
    if (requested == null || requested == WebhookRoute.GENERIC || requested == route) {
      return;
    }
    String expected =
        switch (requested) {
          case SAP -> "CloudEvents (SAP S/4HANA business events)";
          case DYNAMICS ->
              "Business Central notifications, Dataverse webhooks or Finance & Operations business"
                  + " events";
          case ORACLE -> "generic JSON events";
          case GENERIC -> "any format";
        };
    throw new MalformedWebhookException(
        null,
        "the "
            + requested.name().toLowerCase(java.util.Locale.ROOT)
            + " webhook route accepts "
            + expected
            + " only, not a "
            + shortName
            + " body");
  }
}
