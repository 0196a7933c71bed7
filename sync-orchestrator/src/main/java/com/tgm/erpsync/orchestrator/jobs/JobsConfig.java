package com.tgm.erpsync.orchestrator.jobs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How sync jobs are watched. */
@ConfigMapping(prefix = "orchestrator.jobs")
public interface JobsConfig {

  /** A RUNNING job without progress for this long is marked STALE by the reaper. */
  @WithDefault("PT2H")
  Duration staleAfter();

  /** How often the reaper looks for stale jobs ({@code @Scheduled} reads the same key). */
  @WithDefault("60s")
  Duration reaperInterval();

  /** The window of the statistics' {@code recentFailures}: FAILED jobs that ended within it. */
  @WithDefault("PT24H")
  Duration recentFailuresWindow();
}
