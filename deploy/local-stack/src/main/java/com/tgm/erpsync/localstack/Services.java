package com.tgm.erpsync.localstack;

import java.util.List;

/**
 * The service processes of the stack, the one place to add a service. Each runs from its module's
 * packaged app ({@code <module>/target/quarkus-app/quarkus-run.jar}); lower waves start first and
 * must be ready before the next wave starts.
 */
final class Services {

  record Service(String name, int port, int wave) {

    String module() {
      return name;
    }

    String jar() {
      return module() + "/target/quarkus-app/quarkus-run.jar";
    }

    String readinessUrl() {
      return "http://localhost:" + port + "/q/health/ready";
    }
  }

  /** The connectors and the orchestrator call the sandbox ERPs, so it comes up first. */
  static final List<Service> ALL =
      List.of(
          new Service("erp-sandbox", 8090, 0),
          new Service("connection-service", 1337, 1),
          new Service("mapping-service", 8081, 1),
          new Service("sync-orchestrator", 8082, 1),
          new Service("connector-sap", 8083, 1),
          new Service("connector-dynamics", 8084, 1),
          new Service("connector-oracle", 8085, 1),
          new Service("webhook-gateway", 8086, 1));

  /** Where a service of the stack listens, for the services that call it. */
  static String url(String name) {
    return ALL.stream()
        .filter(service -> service.name().equals(name))
        .map(service -> "http://localhost:" + service.port())
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no service " + name + " in the stack"));
  }

  private Services() {}
}
