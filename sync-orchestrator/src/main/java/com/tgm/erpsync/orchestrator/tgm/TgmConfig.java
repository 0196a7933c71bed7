package com.tgm.erpsync.orchestrator.tgm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "orchestrator.tgm")
public interface TgmConfig {

  /**
   * Loads the demo data set (tgm/demo-data.json) into the TGM tables at startup when they are all
   * empty; for the local stack and demos, never for a real TGM database.
   */
  @WithDefault("false")
  boolean seedDemo();
}
