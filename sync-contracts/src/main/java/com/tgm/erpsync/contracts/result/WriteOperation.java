package com.tgm.erpsync.contracts.result;

/**
 * What a write did in the ERP; UNCHANGED when a replayed command found its effect already there.
 */
public enum WriteOperation {
  CREATED,
  UPDATED,
  DELETED,
  UNCHANGED
}
