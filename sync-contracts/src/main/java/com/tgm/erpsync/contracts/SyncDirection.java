package com.tgm.erpsync.contracts;

/** Which way data may flow, for a connection, an entity mapping or a single field. */
public enum SyncDirection {
  INBOUND("ERP → TGM only"),
  OUTBOUND("TGM → ERP only"),
  BIDIRECTIONAL("Both directions");

  private final String description;

  SyncDirection(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  public boolean allowsInbound() {
    return this != OUTBOUND;
  }

  public boolean allowsOutbound() {
    return this != INBOUND;
  }
}
