package com.tgm.erpsync.contracts;

/** Any value sent on an internal topic; its envelope lets consumers deduplicate and trace it. */
public interface SyncMessage {
  MessageMeta meta();
}
