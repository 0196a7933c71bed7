package com.tgm.erpsync.connector.kit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How the HTTP runtime treats every ERP connection beyond what the connection itself says (rate
 * limit, concurrency, retries): circuit breaker, backoff bounds, timeouts and token refresh.
 */
@ConfigMapping(prefix = "erp.http")
public interface ErpHttpConfig {

  CircuitBreaker circuitBreaker();

  /** Upper bound of one exponential backoff wait. */
  @WithDefault("60s")
  Duration maxBackoff();

  /** Share of a backoff wait taken off at random, so that callers do not retry in lockstep. */
  @WithDefault("0.2")
  double jitter();

  /** A Retry-After longer than this is not waited for: the last response is returned. */
  @WithDefault("5m")
  Duration maxRetryAfter();

  @WithDefault("10s")
  Duration connectTimeout();

  /** An OAuth token is replaced this long before it expires. */
  @WithDefault("30s")
  Duration tokenRefreshSkew();

  @WithDefault("30s")
  Duration tokenFetchTimeout();

  /** Opens after {@code failure-ratio} of the last {@code request-volume} calls failed. */
  interface CircuitBreaker {
    @WithDefault("20")
    int requestVolume();

    @WithDefault("0.5")
    double failureRatio();

    /** How long the open circuit fails calls fast before it lets a probe through. */
    @WithDefault("30s")
    Duration delay();

    @WithDefault("1")
    int successThreshold();
  }
}
