package com.tgm.erpsync.orchestrator.sync;

import com.tgm.erpsync.contracts.snapshot.MappingSnapshot;
import com.tgm.erpsync.mapping.engine.MappingEngine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One compiled mapping engine per mapping version, shared by every job and thread (an engine is
 * immutable). A newer version replaces the older one of the same mapping.
 */
@ApplicationScoped
public class EngineCache {
  private record Compiled(long version, MappingEngine engine) {}

  private final Map<Long, Compiled> engines = new ConcurrentHashMap<>();
  private final LedgerReferenceResolver resolver;

  public EngineCache(LedgerReferenceResolver resolver) {
    this.resolver = resolver;
  }

  /**
   * The engine of this mapping version.
   *
   * @throws com.tgm.erpsync.mapping.engine.InvalidMappingException when the mapping is unusable
   */
  public MappingEngine engine(MappingSnapshot mapping) {
    Compiled compiled =
        engines.compute(
            mapping.id(),
            (id, cached) ->
                cached != null && cached.version() == mapping.version()
                    ? cached
                    : new Compiled(mapping.version(), MappingEngine.compile(mapping, resolver)));
    return compiled.engine();
  }
}
