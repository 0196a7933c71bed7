package com.tgm.erpsync.connector.kit.http;

import com.tgm.erpsync.connections.SecretUnavailableException;
import com.tgm.erpsync.connector.kit.auth.AuthProvider;
import com.tgm.erpsync.connector.kit.auth.ErrorClassifier;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * {@link ErpHttp} of one connection with one auth provider: authorizes, renews credentials once
 * after a 401, and retries throttling, timeouts, 5xx and network failures with exponential backoff
 * that never undercuts the ERP's Retry-After. A non-idempotent request is re-sent only when the ERP
 * surely did not process it.
 */
final class ResilientErpHttp implements ErpHttp {
  private static final Logger LOG = Logger.getLogger(ResilientErpHttp.class);

  private final ConnectionRuntime runtime;
  private final AuthProvider auth;

  ResilientErpHttp(ConnectionRuntime runtime, AuthProvider auth) {
    this.runtime = runtime;
    this.auth = auth;
  }

  @Override
  public ConnectionSnapshot connection() {
    return runtime.connection();
  }

  @Override
  public ErpResponse send(ErpRequest request) throws ErpCallException {
    try {
      ErpResponse response = sendWithRetries(request);
      if (!response.ok()) {
        runtime.metrics().error(ErrorClassifier.codeFor(response.status()));
      }
      return response;
    } catch (ErpCallException e) {
      runtime.metrics().error(e.code());
      throw e;
    }
  }

  private ErpResponse sendWithRetries(ErpRequest request) throws ErpCallException {
    int maxRetries = Math.max(0, connection().maxRetries());
    for (int retry = 0; ; retry++) {
      ErpResponse response;
      try {
        response = attempt(request);
      } catch (TransportFailure failure) {
        boolean reachedErp = failure.maybeApplied();
        if (!request.idempotent() && reachedErp) {
          throw new ErpCallException(
              failure.code(),
              failure.getMessage() + "; the request may have been applied, so it is not re-sent",
              true,
              true,
              null,
              null,
              failure);
        }
        if (retry >= maxRetries) {
          throw failure.withMaybeApplied(false);
        }
        pause(request, retry + 1, failure.code().name(), backoff(retry));
        continue;
      }
      int status = response.status();
      if (!ErrorClassifier.retriedByRuntime(status)) {
        return response;
      }
      if (!request.idempotent() && !ErrorClassifier.surelyNotProcessed(status)) {
        throw new ErpCallException(
            ErrorClassifier.codeFor(status),
            "ERP connection "
                + connection().id()
                + " answered "
                + status
                + " to "
                + describe(request)
                + "; the request may have been applied, so it is not re-sent",
            true,
            true,
            null,
            response,
            null);
      }
      if (retry >= maxRetries) {
        return response;
      }
      Duration wait = backoff(retry);
      Optional<Duration> retryAfter = RetryTiming.retryAfter(response, Instant.now());
      if (retryAfter.isPresent()) {
        if (retryAfter.get().compareTo(runtime.policy().maxRetryAfter()) > 0) {
          LOG.infof(
              "ERP connection %d: %s asks to retry after %d s, longer than allowed; giving up",
              connection().id(), describe(request), retryAfter.get().toSeconds());
          return response;
        }
        wait = wait.compareTo(retryAfter.get()) >= 0 ? wait : retryAfter.get();
      }
      pause(request, retry + 1, "HTTP " + status, wait);
    }
  }

  private ErpResponse attempt(ErpRequest request) throws ErpCallException {
    ErpRequest authorized = authorize(request);
    ErpResponse response = runtime.transport().exchange(authorized);
    if (auth.rejectsCredentials(response) && auth.renewAfter(authorized, response)) {
      LOG.debugf(
          "ERP connection %d: credentials rejected (HTTP %d), renewing once",
          connection().id(), response.status());
      response = runtime.transport().exchange(authorize(request));
    }
    return response;
  }

  private ErpRequest authorize(ErpRequest request) throws ErpCallException {
    try {
      return auth.authorize(request, runtime.transport());
    } catch (TransportFailure e) {
      // a login or token call failed: the request itself was never sent, so it is safe to retry
      throw new TransportFailure(e.code(), e.getMessage(), false, e);
    } catch (SecretUnavailableException e) {
      throw new ErpCallException(ErrorCode.AUTH_FAILED, e.getMessage(), false, e);
    }
  }

  private Duration backoff(int retry) {
    HttpPolicy policy = runtime.policy();
    Duration base =
        policy.retryDelayUnit().multipliedBy(Math.max(0, connection().retryDelaySeconds()));
    Random random = ThreadLocalRandom.current();
    return RetryTiming.backoff(retry, base, policy.maxBackoff(), policy.jitter(), random);
  }

  private void pause(ErpRequest request, int retryNumber, String reason, Duration wait)
      throws ErpCallException {
    runtime.metrics().retry(reason);
    LOG.infof(
        "ERP connection %d (%s): %s failed (%s), retry %d of %d in %d ms",
        connection().id(),
        connection().erpType(),
        describe(request),
        reason,
        retryNumber,
        connection().maxRetries(),
        wait.toMillis());
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ErpCallException(
          ErrorCode.INTERNAL_ERROR,
          "Interrupted while waiting to retry ERP connection " + connection().id(),
          false,
          e);
    }
  }

  /** Method and path only: a query string may carry keys. */
  private static String describe(ErpRequest request) {
    return request.method() + " " + request.uri().getPath();
  }
}
