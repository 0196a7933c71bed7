package com.tgm.erpsync.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * Ready only while the service's schema is reachable and at the version its code expects: no
 * pending and no failed migration. It asks the database on every probe.
 */
@Readiness
@ApplicationScoped
public class DatabaseMigrationCheck implements HealthCheck {
  private final Flyway flyway;

  public DatabaseMigrationCheck(Flyway flyway) {
    this.flyway = flyway;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("database schema migrated")
            .withData("schemas", String.join(",", flyway.getConfiguration().getSchemas()));
    try {
      MigrationInfoService info = flyway.info();
      MigrationInfo current = info.current();
      long pending = info.pending().length;
      boolean failed = Arrays.stream(info.all()).anyMatch(m -> m.getState().isFailed());
      return response
          .withData("version", current == null ? "none" : String.valueOf(current.getVersion()))
          .withData("pending", pending)
          .withData("failed", failed)
          .status(pending == 0 && !failed)
          .build();
    } catch (RuntimeException e) {
      // the cause's class only: a driver message may carry the URL and user
      return response.withData("error", e.getClass().getSimpleName()).down().build();
    }
  }
}
