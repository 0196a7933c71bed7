package com.tgm.erpsync.connector.kit.http;

import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;

/** A connection whose HTTP side could not be set up (e.g. a broken client certificate). */
final class FailingErpHttp implements ErpHttp {
  private final ConnectionSnapshot connection;
  private final ErpCallException failure;

  FailingErpHttp(ConnectionSnapshot connection, ErpCallException failure) {
    this.connection = connection;
    this.failure = failure;
  }

  @Override
  public ErpResponse send(ErpRequest request) throws ErpCallException {
    throw new ErpCallException(
        failure.code(), failure.getMessage(), failure.retryable(), failure.getCause());
  }

  @Override
  public ConnectionSnapshot connection() {
    return connection;
  }
}
