package com.tgm.erpsync.connector.kit.http;

import com.tgm.erpsync.contracts.ErrorCode;

/**
 * No response because of the network: {@link #maybeApplied()} is false only when the request surely
 * never left (the connection could not be made).
 */
final class TransportFailure extends ErpCallException {
  private static final long serialVersionUID = 1L;

  TransportFailure(ErrorCode code, String message, boolean reachedErp, Throwable cause) {
    super(code, message, true, reachedErp, null, null, cause);
  }
}
