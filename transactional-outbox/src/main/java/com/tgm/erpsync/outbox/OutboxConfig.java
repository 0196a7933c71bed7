package com.tgm.erpsync.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the outbox relay polls, batches and waits for Kafka, and when it counts as lagging. */
@ConfigMapping(prefix = "tgm.outbox")
public interface OutboxConfig {

  /** Pause between two polls of an empty (or not full) outbox. */
  @WithDefault("100ms")
  Duration pollInterval();

  /** Most rows relayed in one database transaction (at least 1). */
  @WithDefault("500")
  int batchSize();

  /** Readiness is DOWN while the oldest unsent row is older than this. */
  @WithDefault("60s")
  Duration maxLag();

  /** How long one send may wait for metadata and for the broker's acknowledgement. */
  @WithDefault("30s")
  Duration sendTimeout();

  /** Longest pause between retries after Kafka or the database failed. */
  @WithDefault("30s")
  Duration maxBackoff();
}
