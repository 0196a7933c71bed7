package com.tgm.erpsync.connector.kit.http;

import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;

/**
 * The HTTP side of one ERP connection: each {@link #send} is authorized, rate limited, bounded in
 * concurrency, retried where safe and guarded by the connection's circuit breaker.
 */
public interface ErpHttp {

  /**
   * Sends the request. An HTTP status is a response, even after retries ran out; an exception means
   * there was no usable response.
   */
  ErpResponse send(ErpRequest request) throws ErpCallException;

  ConnectionSnapshot connection();
}
