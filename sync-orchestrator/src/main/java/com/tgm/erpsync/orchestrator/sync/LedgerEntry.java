package com.tgm.erpsync.orchestrator.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One link of the sync ledger: which ERP record a TGM record is, and the values both sides last
 * agreed on (the merge base) with their hash.
 *
 * @param erpKey the canonical key text ({@link ErpKeys})
 */
public record LedgerEntry(
    long tgmId,
    String erpKey,
    String etag,
    Instant erpModifiedAt,
    ObjectNode baseValues,
    String baseHash) {}
