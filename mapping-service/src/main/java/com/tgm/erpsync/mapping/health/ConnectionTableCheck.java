package com.tgm.erpsync.mapping.health;

import com.tgm.erpsync.mapping.messaging.ConnectionTable;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until erp.connections has been read: until then no connection is known. */
@Readiness
@ApplicationScoped
public class ConnectionTableCheck implements HealthCheck {
  static final String NAME = "erp-connections table";

  private final ConnectionTable table;

  public ConnectionTableCheck(ConnectionTable table) {
    this.table = table;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named(NAME)
        .status(table.isLoaded())
        .withData("connections", table.size())
        .build();
  }
}
