package com.tgm.erpsync.connector.kit.http;

import com.tgm.erpsync.connector.kit.config.ErpHttpConfig;
import java.time.Duration;

/**
 * The runtime's settings as plain values, so that {@link ErpHttpClients} can be built without
 * configuration in tests. {@code retryDelayUnit} is the unit of a connection's {@code
 * retryDelaySeconds}: one second, shorter only in tests.
 */
public record HttpPolicy(
    int breakerRequestVolume,
    double breakerFailureRatio,
    Duration breakerDelay,
    int breakerSuccessThreshold,
    Duration retryDelayUnit,
    Duration maxBackoff,
    double jitter,
    Duration maxRetryAfter,
    Duration connectTimeout,
    Duration tokenRefreshSkew,
    Duration tokenFetchTimeout) {

  public static HttpPolicy defaults() {
    return new HttpPolicy(
        20,
        0.5,
        Duration.ofSeconds(30),
        1,
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        0.2,
        Duration.ofMinutes(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(30));
  }

  public static HttpPolicy from(ErpHttpConfig config) {
    ErpHttpConfig.CircuitBreaker breaker = config.circuitBreaker();
    return new HttpPolicy(
        breaker.requestVolume(),
        breaker.failureRatio(),
        breaker.delay(),
        breaker.successThreshold(),
        Duration.ofSeconds(1),
        config.maxBackoff(),
        config.jitter(),
        config.maxRetryAfter(),
        config.connectTimeout(),
        config.tokenRefreshSkew(),
        config.tokenFetchTimeout());
  }

  public HttpPolicy withBreaker(int requestVolume, double failureRatio, Duration delay) {
    return new HttpPolicy(
        requestVolume,
        failureRatio,
        delay,
        breakerSuccessThreshold,
        retryDelayUnit,
        maxBackoff,
        jitter,
        maxRetryAfter,
        connectTimeout,
        tokenRefreshSkew,
        tokenFetchTimeout);
  }

  public HttpPolicy withRetryDelayUnit(Duration unit) {
    return new HttpPolicy(
        breakerRequestVolume,
        breakerFailureRatio,
        breakerDelay,
        breakerSuccessThreshold,
        unit,
        maxBackoff,
        jitter,
        maxRetryAfter,
        connectTimeout,
        tokenRefreshSkew,
        tokenFetchTimeout);
  }

  public HttpPolicy withTokenRefreshSkew(Duration skew) {
    return new HttpPolicy(
        breakerRequestVolume,
        breakerFailureRatio,
        breakerDelay,
        breakerSuccessThreshold,
        retryDelayUnit,
        maxBackoff,
        jitter,
        maxRetryAfter,
        connectTimeout,
        skew,
        tokenFetchTimeout);
  }
}
