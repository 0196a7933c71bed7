package com.tgm.erpsync.orchestrator.rest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long the dashboard's lists may grow. */
@ConfigMapping(prefix = "orchestrator.dashboard")
public interface DashboardDataConfig {

  /** Most running jobs, recent failed jobs and upcoming syncs listed (each). */
  @WithDefault("20")
  int listLimit();
}
