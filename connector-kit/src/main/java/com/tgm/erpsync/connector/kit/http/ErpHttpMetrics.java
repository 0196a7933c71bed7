package com.tgm.erpsync.connector.kit.http;

import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** The HTTP runtime's meters for one connection, tagged with connection id and ERP type. */
final class ErpHttpMetrics {
  static final String REQUESTS = "erp.http.requests";
  static final String LATENCY = "erp.http.latency";
  static final String ERRORS = "erp.http.errors";
  static final String RETRIES = "erp.http.retries";
  static final String RATE_LIMIT_WAITS = "erp.http.rate.limit.waits";
  static final String RATE_LIMIT_WAIT_TIME = "erp.http.rate.limit.wait";

  private final MeterRegistry registry;
  private final Tags tags;

  ErpHttpMetrics(MeterRegistry registry, ConnectionSnapshot connection) {
    this.registry = registry;
    this.tags =
        Tags.of("connection", Long.toString(connection.id()), "erp", connection.erpType().name());
  }

  /** One send; {@code status} is 0 when no response came back. */
  void request(String method, int status, long latencyNanos) {
    String statusClass = status == 0 ? "none" : (status / 100) + "xx";
    Counter.builder(REQUESTS)
        .tags(tags.and("method", method, "status", statusClass))
        .register(registry)
        .increment();
    Timer.builder(LATENCY)
        .tags(tags.and("method", method))
        .register(registry)
        .record(latencyNanos, TimeUnit.NANOSECONDS);
  }

  void error(ErrorCode code) {
    Counter.builder(ERRORS).tags(tags.and("code", code.name())).register(registry).increment();
  }

  void retry(String reason) {
    Counter.builder(RETRIES).tags(tags.and("reason", reason)).register(registry).increment();
  }

  void rateLimitWait(long nanos) {
    Counter.builder(RATE_LIMIT_WAITS).tags(tags).register(registry).increment();
    Timer.builder(RATE_LIMIT_WAIT_TIME)
        .tags(tags)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }
}
