package com.tgm.erpsync.contracts;

/**
 * How much a sync job reads: everything, changes since the last run, one record, or live events.
 */
public enum JobType {
  FULL,
  INCREMENTAL,
  SINGLE_RECORD,
  REALTIME
}
