package com.tgm.erpsync.mapping.engine;

import com.tgm.erpsync.contracts.EntityType;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Translates REFERENCE values between TGM ids and ERP keys, per connection and target entity (in
 * the orchestrator, a lookup in the sync ledger). The engine calls it once per REFERENCE field per
 * record, so an implementation backed by a database should cache. An empty answer is a per-field
 * MAPPING_ERROR, not an exception; an exception thrown here (database down) propagates to the
 * caller, since it is no fault of the record.
 */
public interface ReferenceResolver {

  /** The ERP key of the TGM record {@code tgmId} of {@code entity}, if it is linked. */
  Optional<String> erpKey(long connectionId, EntityType entity, long tgmId);

  /** The TGM id of the ERP record with key {@code erpKey} of {@code entity}, if it is linked. */
  OptionalLong tgmId(long connectionId, EntityType entity, String erpKey);

  /** Resolves nothing: for mappings without REFERENCE fields, or a preview without a ledger. */
  static ReferenceResolver none() {
    return new ReferenceResolver() {
      @Override
      public Optional<String> erpKey(long connectionId, EntityType entity, long tgmId) {
        return Optional.empty();
      }

      @Override
      public OptionalLong tgmId(long connectionId, EntityType entity, String erpKey) {
        return OptionalLong.empty();
      }
    };
  }
}
