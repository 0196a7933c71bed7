package com.tgm.erpsync.connection.edge;

/** The two services behind the edge, as {@link FakeDownstreamResource} started them. */
public record FakeDownstreams(FakeDownstream mappingService, FakeDownstream syncOrchestrator) {

  /** Forgets requests and answers on both, and brings both back up. */
  public void reset() {
    mappingService.reset();
    syncOrchestrator.reset();
  }
}
