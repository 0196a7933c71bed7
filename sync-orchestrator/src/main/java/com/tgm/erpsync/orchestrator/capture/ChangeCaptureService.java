package com.tgm.erpsync.orchestrator.capture;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs this replica's {@link TgmChangeCapture} over the service's datasource and Kafka settings,
 * and exposes the slot's lag as gauges {@code tgm.capture.slot.lag} (bytes behind the confirmed
 * position) and {@code tgm.capture.slot.retained} (WAL the slot keeps on disk).
 */
@ApplicationScoped
public class ChangeCaptureService {
  private final CaptureConfig config;
  private final CaptureSettings settings;
  private TgmChangeCapture capture;
  private ChangePublisher publisher;

  public ChangeCaptureService(
      CaptureConfig config,
      @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
      @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
      @Identifier("default-kafka-broker") Map<String, Object> kafka,
      MeterRegistry meters) {
    this.config = config;
    this.settings =
        new CaptureSettings(
            jdbcUrl,
            user.orElse(null),
            password.orElse(null),
            config.slot(),
            config.publication(),
            config.electionInterval(),
            config.heartbeatInterval(),
            config.lagWarning().asLongValue(),
            kafka,
            ManagementFactory.getRuntimeMXBean().getName());
    Gauge.builder("tgm.capture.slot.lag", this, service -> service.bytes(false))
        .description("Bytes of WAL written since the position the change capture confirmed")
        .baseUnit("bytes")
        .tag("slot", config.slot())
        .register(meters);
    Gauge.builder("tgm.capture.slot.retained", this, service -> service.bytes(true))
        .description("Bytes of WAL the change capture's replication slot keeps on disk")
        .baseUnit("bytes")
        .tag("slot", config.slot())
        .register(meters);
  }

  synchronized void onStart(@Observes StartupEvent event) {
    if (config.enabled()) {
      publisher = new ChangePublisher(settings.kafka());
      capture = new TgmChangeCapture(settings, publisher);
      capture.start();
    }
  }

  synchronized void onStop(@Observes ShutdownEvent event) {
    stop();
  }

  /** Stops capturing on this replica (another one takes over); used at shutdown. */
  public synchronized void stop() {
    if (capture != null) {
      capture.close();
      capture = null;
    }
    if (publisher != null) {
      publisher.close();
      publisher = null;
    }
  }

  public CaptureRole role() {
    TgmChangeCapture current = capture;
    return current == null ? CaptureRole.DISABLED : current.role();
  }

  /** The slot's lag as last read, empty while capture is off or the slot is not there yet. */
  public Optional<SlotLag> lag() {
    TgmChangeCapture current = capture;
    return Optional.ofNullable(current == null ? null : current.lag());
  }

  public CaptureSettings settings() {
    return settings;
  }

  private double bytes(boolean retained) {
    return lag()
        .map(lag -> (double) (retained ? lag.retainedBytes() : lag.lagBytes()))
        .orElse(Double.NaN);
  }
}
