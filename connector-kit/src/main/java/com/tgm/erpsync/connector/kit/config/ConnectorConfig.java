package com.tgm.erpsync.connector.kit.config;

import com.tgm.erpsync.contracts.ErpFamily;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** What a connector application is: the ERP family it serves and how it waits at startup. */
@ConfigMapping(prefix = "connector")
public interface ConnectorConfig {

  /** The ERP family served; commands come from {@code erp.commands.<family>}. */
  ErpFamily family();

  /**
   * How long a command waits at startup for the connection table to be read to its end, so that a
   * known connection is never answered as unknown.
   */
  @WithDefault("60s")
  Duration connectionTableWait();

  /**
   * How long a command for an unknown or disabled connection waits for the connection table to read
   * what was published on {@code erp.connections} so far, in case the command overtook the snapshot
   * that creates or re-enables its connection, before it is refused.
   */
  @WithDefault("10s")
  Duration connectionCatchUpWait();
}
