package com.tgm.erpsync.mapping.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the service treats the connections it learns of from erp.connections. */
@ConfigMapping(prefix = "tgm.connections")
public interface ConnectionsConfig {

  /**
   * How long a request naming a connection not known yet waits for its snapshot before the answer
   * is 404: connection-service publishes a new connection a moment after it answered its creation.
   */
  @WithDefault("3s")
  Duration catchUpWait();
}
