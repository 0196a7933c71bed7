package com.tgm.erpsync.orchestrator.health;

import com.tgm.erpsync.orchestrator.directory.ConnectionDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until erp.connections has been read: until then no connection is known. */
@Readiness
@ApplicationScoped
public class ConnectionDirectoryCheck implements HealthCheck {
  public static final String NAME = "erp-connections directory";

  private final ConnectionDirectory directory;

  public ConnectionDirectoryCheck(ConnectionDirectory directory) {
    this.directory = directory;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named(NAME)
        .status(directory.isLoaded())
        .withData("connections", directory.size())
        .build();
  }
}
