package com.tgm.erpsync.sandbox.app;

import com.tgm.erpsync.sandbox.core.SandboxOptions;
import com.tgm.erpsync.sandbox.core.SapSandbox;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Starts the SAP simulator core with the service and stops it on shutdown. */
@ApplicationScoped
public class SapSandboxLifecycle {

  private final SapSandboxConfig config;
  private volatile SapSandbox sandbox;

  /** Lifecycle driven by the given configuration. */
  public SapSandboxLifecycle(SapSandboxConfig config) {
    this.config = config;
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.enabled()) {
      Log.info("ERP sandbox: SAP simulator disabled");
      return;
    }
    SandboxOptions.Builder options =
        SandboxOptions.builder()
            .host(config.host())
            .port(config.s4().port())
            .eccHttpsPort(config.ecc().httpsPort())
            .eccClientAuth(SandboxOptions.ClientAuth.valueOf(config.ecc().clientAuth()))
            .seed(config.seed())
            .maxPageSize(config.maxPageSize())
            .sapClient(config.client())
            .equipmentCount(config.s4().equipmentCount())
            .eccEquipmentCount(config.ecc().equipmentCount())
            .b1CompanyDb(config.b1().companyDb())
            .b1User(config.b1().user(), config.b1().password())
            .b1SessionTimeout(Duration.ofMinutes(config.b1().sessionTimeoutMinutes()))
            .businessPartnerCount(config.b1().businessPartnerCount())
            .itemCount(config.b1().itemCount());
    sandbox = SapSandbox.start(options.build());
    config
        .webhook()
        .map(URI::create)
        .ifPresent(
            webhook ->
                sandbox.subscribeEvents(
                    webhook,
                    config
                        .webhookSecret()
                        .map(secret -> Map.of("X-Webhook-Secret", secret))
                        .orElse(Map.of())));
    Log.infof(
        "ERP sandbox: SAP S/4HANA simulator on %s, Business One Service Layer on %s%s, ECC on %s",
        sandbox.baseUri(),
        sandbox.baseUri(),
        SapSandbox.B1_V1,
        config.ecc().httpsPort() < 0 ? "(off)" : sandbox.eccBaseUri());
  }

  void onStop(@Observes ShutdownEvent event) {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  /** The running simulator, if enabled and started. */
  public Optional<SapSandbox> sandbox() {
    return Optional.ofNullable(sandbox);
  }
}
