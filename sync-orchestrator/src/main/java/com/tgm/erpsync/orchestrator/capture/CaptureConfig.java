package com.tgm.erpsync.orchestrator.capture;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Change capture of schema tgm onto tgm.changes: one replica streams, the others stand by. */
@ConfigMapping(prefix = "orchestrator.capture")
public interface CaptureConfig {

  /** Whether this replica takes part in capture (elects, streams when leader). */
  @WithDefault("true")
  boolean enabled();

  /** The logical replication slot; its confirmed position is where capture resumes. */
  @WithDefault("tgm_erp_sync")
  String slot();

  /** The publication of the tgm tables the slot decodes. */
  @WithDefault("tgm_erp_sync")
  String publication();

  /**
   * How often a standby tries the capture lock and the leader checks its lock session (and the
   * slot's lag is read): a dead leader is replaced within about this plus the slot's release.
   */
  @WithDefault("5s")
  Duration electionInterval();

  /**
   * How often the leader writes a heartbeat into the WAL and confirms it, so a slot over quiet
   * tables does not hold back the WAL of a busy database. 0 switches heartbeats off.
   */
  @WithDefault("10s")
  Duration heartbeatInterval();

  /** Above this lag the health check carries a warning (it stays UP: capture still works). */
  @WithDefault("256M")
  MemorySize lagWarning();
}
