package com.tgm.erpsync.contracts.change;

/**
 * What an ERP webhook reported. COLLECTION means "too many changes to list, re-read with the
 * filter" (Business Central sends it instead of individual notifications).
 */
public enum ErpChangeType {
  CREATED,
  UPDATED,
  DELETED,
  COLLECTION
}
