package com.tgm.erpsync.contracts;

/** What to do with a record changed on both sides since the last sync (the merge base). */
public enum ConflictResolution {
  TGM_WINS("TGM data overwrites ERP data"),
  ERP_WINS("ERP data overwrites TGM data"),
  NEWEST_WINS("Most recently modified record wins"),
  MANUAL("Flag for manual resolution"),
  MERGE("Attempt to merge non-conflicting fields");

  private final String description;

  ConflictResolution(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
