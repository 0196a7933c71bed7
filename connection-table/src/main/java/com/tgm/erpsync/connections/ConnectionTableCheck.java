package com.tgm.erpsync.connections;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until every connection's configuration has been read from erp.connections. */
@Readiness
@ApplicationScoped
public class ConnectionTableCheck implements HealthCheck {
  private final ConnectionTable table;

  public ConnectionTableCheck(ConnectionTable table) {
    this.table = table;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("erp-connections table")
        .status(table.isLoaded())
        .withData("connections", table.size())
        .build();
  }
}
