package com.tgm.erpsync.orchestrator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "orchestrator")
public interface OrchestratorConfig {

  /** The CloudEvents {@code source} of every event this service publishes on erp.sync.events. */
  @WithDefault("/tgm-erp-sync/sync-orchestrator")
  String eventSource();
}
