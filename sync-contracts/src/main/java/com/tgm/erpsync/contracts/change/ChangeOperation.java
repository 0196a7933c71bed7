package com.tgm.erpsync.contracts.change;

/** The kind of row change captured in the TGM database. */
public enum ChangeOperation {
  CREATE,
  UPDATE,
  DELETE
}
