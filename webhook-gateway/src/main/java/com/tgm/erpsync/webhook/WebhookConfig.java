package com.tgm.erpsync.webhook;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The gateway's limits and windows ({@code webhook.*}). */
@ConfigMapping(prefix = "webhook")
public interface WebhookConfig {

  /** Largest body accepted; a larger one is answered 413. */
  @WithDefault("1M")
  MemorySize maxBodySize();

  /** How far an {@code X-Webhook-Timestamp} may lie from the gateway's clock, either way. */
  @WithDefault("5M")
  Duration signatureTolerance();

  /** Replay protection: an event id seen within the window is a duplicate. */
  Replay replay();

  /** Requests per connection. */
  RateLimit rateLimit();

  /** How long an accepted event may wait for the broker's acknowledgement before a 503. */
  @WithDefault("10S")
  Duration publishTimeout();

  /**
   * A webhook for a connection the gateway does not know yet waits this long for erp.connections to
   * be read up to its end (the connection may have been created a moment ago) before a 404.
   */
  @WithDefault("2S")
  Duration catchUpWait();

  interface Replay {
    @WithDefault("24H")
    Duration window();

    /** Event ids remembered per connection; the oldest are forgotten first beyond it. */
    @WithDefault("100000")
    int maxEvents();
  }

  interface RateLimit {
    /**
     * Requests a connection may send per period (overridden per connection by {@code
     * connectionSettings.webhookRateLimit}).
     */
    @WithDefault("1000")
    int requests();

    @WithDefault("1S")
    Duration period();
  }
}
