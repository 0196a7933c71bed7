package com.tgm.erpsync.orchestrator.schedule;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Scheduled syncs: how often the ticker looks for due connections. */
@ConfigMapping(prefix = "orchestrator.schedule")
public interface ScheduleConfig {

  /** Off, no replica fires scheduled syncs (tests call the ticker themselves). */
  @WithDefault("true")
  boolean enabled();

  /** How often each replica reconciles the schedule and fires what is due ({@code @Scheduled}). */
  @WithDefault("15s")
  Duration tick();

  /** Most connections one replica fires in one tick; the rest wait for the next tick. */
  @WithDefault("100")
  int maxPerTick();
}
