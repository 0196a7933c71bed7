package com.tgm.erpsync.webhook.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Per connection: events accepted (by format), requests rejected (by reason), duplicate events, and
 * the time from a request's arrival to its answer. Requests for a connection the gateway does not
 * know count under {@code connection=unknown}, so forged ids cannot grow the meter set.
 */
@ApplicationScoped
public class WebhookMetrics {
  public static final String ACCEPTED = "tgm.webhook.events.accepted";
  public static final String DUPLICATES = "tgm.webhook.events.duplicates";
  public static final String REJECTED = "tgm.webhook.requests.rejected";
  public static final String LATENCY = "tgm.webhook.requests.latency";

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  public WebhookMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void accepted(String connection, String format, int events) {
    counter(ACCEPTED, connection, "format", format).increment(events);
  }

  public void duplicates(String connection, int events) {
    counter(DUPLICATES, connection, null, null).increment(events);
  }

  public void rejected(String connection, String reason) {
    counter(REJECTED, connection, "reason", reason).increment();
  }

  public void latency(String connection, String outcome, long nanos) {
    timers
        .computeIfAbsent(
            connection + '\0' + outcome,
            k ->
                Timer.builder(LATENCY)
                    .description("Webhook request arrival to answer")
                    .tag("connection", connection)
                    .tag("outcome", outcome)
                    .publishPercentiles(0.5, 0.99)
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  private Counter counter(String name, String connection, String tag, String value) {
    return counters.computeIfAbsent(
        name + '\0' + connection + '\0' + value,
        k -> {
          Counter.Builder builder = Counter.builder(name).tag("connection", connection);
          if (tag != null) {
            builder.tag(tag, value);
          }
          return builder.register(registry);
        });
  }
}
