package com.tgm.erpsync.connector.kit.auth;

import com.tgm.erpsync.connector.kit.http.ErpCallException;
import com.tgm.erpsync.connector.kit.http.ErpRequest;
import com.tgm.erpsync.connector.kit.http.ErpResponse;

/** One raw send on a connection: rate limited and bounded, but neither retried nor authorized. */
public interface Transport {
  ErpResponse exchange(ErpRequest request) throws ErpCallException;
}
