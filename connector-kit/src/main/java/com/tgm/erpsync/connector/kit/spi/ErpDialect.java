package com.tgm.erpsync.connector.kit.spi;

import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.command.ConnectorCommand;
import com.tgm.erpsync.contracts.result.ConnectorResult;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import java.util.List;
import java.util.Set;

/**
 * How one ERP speaks: a connector adds a dialect (a CDI bean) and the kit does the rest — consuming
 * commands, finding the connection, publishing results, dead-lettering poison.
 */
public interface ErpDialect {

  Set<ErpType> erpTypes();

  /**
   * Executes one command against the ERP and returns its results (one per record for batches).
   * ERP-side failures are results with an error code, not exceptions.
   */
  List<ConnectorResult> execute(ConnectorCommand command, ConnectionSnapshot connection);

  /**
   * The connection changed (a new version) or was deleted: drop whatever the dialect caches for it
   * (tokens, service metadata). The kit itself drops the connection's HTTP client, auth state and
   * limiter.
   */
  default void forget(long connectionId) {}
}
