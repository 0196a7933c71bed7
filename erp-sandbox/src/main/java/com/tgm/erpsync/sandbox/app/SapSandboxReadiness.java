package com.tgm.erpsync.sandbox.app;

import com.tgm.erpsync.sandbox.core.SapSandbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the SAP simulator runs (or is disabled); reports where it listens. */
@Readiness
@ApplicationScoped
public class SapSandboxReadiness implements HealthCheck {

  private final SapSandboxLifecycle lifecycle;
  private final SapSandboxConfig config;

  /** Readiness of the simulator managed by {@code lifecycle}. */
  public SapSandboxReadiness(SapSandboxLifecycle lifecycle, SapSandboxConfig config) {
    this.lifecycle = lifecycle;
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder b = HealthCheckResponse.named("sap-sandbox");
    if (!config.enabled()) {
      return b.up().withData("enabled", false).build();
    }
    SapSandbox sandbox = lifecycle.sandbox().orElse(null);
    if (sandbox == null || !sandbox.isRunning()) {
      return b.down().build();
    }
    b.up().withData("s4BaseUri", sandbox.baseUri().toString());
    if (config.ecc().httpsPort() >= 0) {
      b.withData("eccBaseUri", sandbox.eccBaseUri().toString());
    }
    return b.build();
  }
}
