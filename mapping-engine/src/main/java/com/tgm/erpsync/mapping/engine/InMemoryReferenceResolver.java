package com.tgm.erpsync.mapping.engine;

import com.tgm.erpsync.contracts.EntityType;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A thread-safe {@link ReferenceResolver} over links held in memory: for previews of a mapping on
 * sample data, tests and benchmarks. Each link works both ways.
 */
public final class InMemoryReferenceResolver implements ReferenceResolver {
  private record TgmSide(long connectionId, EntityType entity, long tgmId) {}

  private record ErpSide(long connectionId, EntityType entity, String erpKey) {}

  private final Map<TgmSide, String> erpKeys = new ConcurrentHashMap<>();
  private final Map<ErpSide, Long> tgmIds = new ConcurrentHashMap<>();

  /** Links TGM record {@code tgmId} of {@code entity} to ERP key {@code erpKey}; returns this. */
  public InMemoryReferenceResolver link(
      long connectionId, EntityType entity, long tgmId, String erpKey) {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(erpKey, "erpKey");
    erpKeys.put(new TgmSide(connectionId, entity, tgmId), erpKey);
    tgmIds.put(new ErpSide(connectionId, entity, erpKey), tgmId);
    return this;
  }

  @Override
  public Optional<String> erpKey(long connectionId, EntityType entity, long tgmId) {
    return Optional.ofNullable(erpKeys.get(new TgmSide(connectionId, entity, tgmId)));
  }

  @Override
  public OptionalLong tgmId(long connectionId, EntityType entity, String erpKey) {
    Long id = tgmIds.get(new ErpSide(connectionId, entity, erpKey));
    return id == null ? OptionalLong.empty() : OptionalLong.of(id);
  }
}
