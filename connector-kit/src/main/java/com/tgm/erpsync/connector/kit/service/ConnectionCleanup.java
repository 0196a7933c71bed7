package com.tgm.erpsync.connector.kit.service;

import com.tgm.erpsync.connections.ConnectionTableListener;
import com.tgm.erpsync.connector.kit.http.ErpHttpClients;
import com.tgm.erpsync.connector.kit.spi.ErpDialect;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * A connection that changed or went takes the connector's state for it along: dialects drop what
 * they cache (tokens, service metadata), and a deleted connection's HTTP state (session, token,
 * limiter) goes with it.
 */
@ApplicationScoped
public class ConnectionCleanup implements ConnectionTableListener {
  private final ErpHttpClients httpClients;
  private final Instance<ErpDialect> dialects;

  public ConnectionCleanup(ErpHttpClients httpClients, Instance<ErpDialect> dialects) {
    this.httpClients = httpClients;
    this.dialects = dialects;
  }

  @Override
  public void changed(long connectionId, ConnectionSnapshot before, ConnectionSnapshot now) {
    if (before == null) {
      return; // a connection seen for the first time: nothing was derived from it yet
    }
    if (now == null) {
      httpClients.evict(connectionId);
    }
    for (ErpDialect dialect : dialects) {
      try {
        dialect.forget(connectionId);
      } catch (RuntimeException e) {
        Log.errorf(
            e, "ERP connection table: %s failed to forget connection %d", dialect, connectionId);
      }
    }
  }
}
