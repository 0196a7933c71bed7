package com.tgm.erpsync.orchestrator.sync;

import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.mapping.engine.ReferenceResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * REFERENCE values through the sync ledger: a TGM id becomes the ERP key of the record it is linked
 * to, and back. Answers are remembered for the rest of the transaction (a page often names the same
 * plant or customer many times); only links found are remembered, since a record read later in the
 * same transaction may create one.
 */
@ApplicationScoped
public class LedgerReferenceResolver implements ReferenceResolver {
  private static final Object MEMO = new Object();

  private final LedgerRepository ledger;
  private final TransactionSynchronizationRegistry transactions;

  public LedgerReferenceResolver(
      LedgerRepository ledger, TransactionSynchronizationRegistry transactions) {
    this.ledger = ledger;
    this.transactions = transactions;
  }

  @Override
  public Optional<String> erpKey(long connectionId, EntityType entity, long tgmId) {
    String memoKey = "t\u001f" + connectionId + "\u001f" + entity + "\u001f" + tgmId;
    Map<String, Object> memo = memo();
    Object known = memo == null ? null : memo.get(memoKey);
    if (known instanceof String erpRef) {
      return Optional.of(erpRef);
    }
    Optional<String> found = ledger.erpRef(connectionId, entity, tgmId);
    if (memo != null) {
      found.ifPresent(erpRef -> memo.put(memoKey, erpRef));
    }
    return found;
  }

  @Override
  public OptionalLong tgmId(long connectionId, EntityType entity, String erpKey) {
    String memoKey = "e\u001f" + connectionId + "\u001f" + entity + "\u001f" + erpKey;
    Map<String, Object> memo = memo();
    Object known = memo == null ? null : memo.get(memoKey);
    if (known instanceof Long tgmId) {
      return OptionalLong.of(tgmId);
    }
    OptionalLong found = ledger.tgmIdByRef(connectionId, entity, erpKey);
    if (memo != null && found.isPresent()) {
      memo.put(memoKey, found.getAsLong());
    }
    return found;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> memo() {
    if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
      return null;
    }
    Object memo = transactions.getResource(MEMO);
    if (memo == null) {
      memo = new HashMap<String, Object>();
      transactions.putResource(MEMO, memo);
    }
    return (Map<String, Object>) memo;
  }
}
