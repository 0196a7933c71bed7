package com.tgm.erpsync.orchestrator.sync;

import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.contracts.snapshot.MappingSnapshot;
import com.tgm.erpsync.mapping.engine.InvalidMappingException;
import com.tgm.erpsync.mapping.engine.MappingEngine;
import com.tgm.erpsync.orchestrator.directory.ConnectionDirectory;
import com.tgm.erpsync.orchestrator.directory.MappingDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The connection, mapping and compiled engine a task works with, or why it cannot work. */
@ApplicationScoped
public class TaskResources {
  private final ConnectionDirectory connections;
  private final MappingDirectory mappings;
  private final EngineCache engines;

  public TaskResources(
      ConnectionDirectory connections, MappingDirectory mappings, EngineCache engines) {
    this.connections = connections;
    this.mappings = mappings;
    this.engines = engines;
  }

  /** What a task needs to run. */
  public record Resources(
      ConnectionSnapshot connection, MappingSnapshot mapping, MappingEngine engine) {}

  /** Either the resources or the reason the task cannot have them. */
  public record Resolution(Resources resources, ErrorCode errorCode, String message) {
    boolean ok() {
      return resources != null;
    }
  }

  public Resolution resolve(SyncJob job, SyncTask task) {
    Optional<ConnectionSnapshot> connection = connections.find(job.connectionId);
    if (connection.isEmpty()) {
      return new Resolution(
          null,
          ErrorCode.CONNECTION_UNKNOWN,
          "Connection " + job.connectionId + " no longer exists");
    }
    Optional<MappingSnapshot> mapping = mappings.find(task.mappingId);
    if (mapping.isEmpty()) {
      return new Resolution(
          null,
          ErrorCode.MAPPING_ERROR,
          "Mapping " + task.mappingId + " of " + task.entityType + " no longer exists");
    }
    try {
      return new Resolution(
          new Resources(connection.get(), mapping.get(), engines.engine(mapping.get())),
          null,
          null);
    } catch (InvalidMappingException e) {
      return new Resolution(
          null,
          ErrorCode.MAPPING_ERROR,
          "Mapping "
              + task.mappingId
              + " of "
              + task.entityType
              + " is unusable: "
              + e.getMessage());
    }
  }

  /** The mapping as it is now, if it still exists (for answers that arrive late). */
  public Optional<MappingSnapshot> mapping(long mappingId) {
    return mappings.find(mappingId);
  }

  public Optional<MappingEngine> engine(long mappingId) {
    return mappings.find(mappingId).flatMap(this::engineOf);
  }

  private Optional<MappingEngine> engineOf(MappingSnapshot mapping) {
    try {
      return Optional.of(engines.engine(mapping));
    } catch (InvalidMappingException e) {
      return Optional.empty();
    }
  }

  public boolean loaded() {
    return connections.isLoaded() && mappings.isLoaded();
  }
}
