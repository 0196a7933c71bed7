package com.tgm.erpsync.orchestrator.directory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the orchestrator waits for the connections and mappings it learns of from Kafka. */
@ConfigMapping(prefix = "orchestrator.directories")
public interface DirectoryConfig {

  /**
   * How long a request naming a connection not known yet waits for its snapshot, or a refusal waits
   * for the directories to read what is on the topics, before it is answered: a change made through
   * connection-service or mapping-service reaches erp.connections or erp.mappings a moment after
   * that service answered.
   */
  @WithDefault("3s")
  Duration catchUpWait();
}
