package com.tgm.erpsync.orchestrator.capture;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows what this replica does for change capture and how far the slot lags. Always UP: a standby
 * or a lagging leader still serves every request, and taking replicas out of rotation would not
 * make the slot catch up; the {@code warning} entry is there for operators and alerts.
 */
@Readiness
@ApplicationScoped
public class ChangeCaptureCheck implements HealthCheck {
  public static final String NAME = "tgm-change-capture";

  private final ChangeCaptureService capture;

  public ChangeCaptureCheck(ChangeCaptureService capture) {
    this.capture = capture;
  }

  @Override
  public HealthCheckResponse call() {
    CaptureSettings settings = capture.settings();
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named(NAME)
            .up()
            .withData("role", capture.role().name())
            .withData("slot", settings.slot());
    capture
        .lag()
        .ifPresent(
            lag -> {
              response
                  .withData("lagBytes", lag.lagBytes())
                  .withData("retainedBytes", lag.retainedBytes())
                  .withData("slotActive", lag.active());
              if (lag.lagBytes() > settings.lagWarningBytes()) {
                response.withData(
                    "warning",
                    "slot "
                        + settings.slot()
                        + " lags "
                        + lag.lagBytes()
                        + " bytes behind the WAL (warning above "
                        + settings.lagWarningBytes()
                        + ")");
              }
            });
    return response.build();
  }
}
