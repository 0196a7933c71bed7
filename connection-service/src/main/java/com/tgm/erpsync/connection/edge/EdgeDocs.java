package com.tgm.erpsync.connection.edge;

/** What the OpenAPI document says of every relayed endpoint. */
final class EdgeDocs {
  private static final String FAILURES =
      " The caller's token goes along; the service's status and body come back unchanged. 503 when"
          + " the service is unreachable (nothing was sent, retrying is safe), 504 when it does not"
          + " answer in time (the request may still take effect), 502 when it fails (5xx) or"
          + " answers something unreadable.";

  static final String RELAYED_TO_MAPPING_SERVICE = "Served by mapping-service." + FAILURES;
  static final String RELAYED_TO_SYNC_ORCHESTRATOR = "Served by sync-orchestrator." + FAILURES;

  private EdgeDocs() {}
}
