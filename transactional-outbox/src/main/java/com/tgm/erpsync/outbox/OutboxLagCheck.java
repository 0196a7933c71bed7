package com.tgm.erpsync.outbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while an event has waited in the outbox longer than {@code tgm.outbox.max-lag}: Kafka
 * or the relay is stuck, and the service's topics are behind its database.
 */
@Readiness
@ApplicationScoped
public class OutboxLagCheck implements HealthCheck {
  static final String NAME = "erp outbox";

  // the database's clock on both sides of the subtraction: replicas' clocks may disagree
  private static final String LAG =
      "SELECT count(*), COALESCE(CAST(EXTRACT(EPOCH FROM clock_timestamp() - min(created_at))"
          + " * 1000 AS BIGINT), 0) FROM outbox_event";

  private final AgroalDataSource dataSource;
  private final OutboxConfig config;

  public OutboxLagCheck(AgroalDataSource dataSource, OutboxConfig config) {
    this.dataSource = dataSource;
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named(NAME).withData("maxLagMs", config.maxLag().toMillis());
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(LAG)) {
      result.next();
      long pending = result.getLong(1);
      long oldestAgeMs = Math.max(0, result.getLong(2));
      return response
          .withData("pending", pending)
          .withData("oldestAgeMs", oldestAgeMs)
          .status(oldestAgeMs <= config.maxLag().toMillis())
          .build();
    } catch (SQLException | RuntimeException e) {
      // the cause's class only: a driver message may carry the URL and user
      return response.withData("error", e.getClass().getSimpleName()).down().build();
    }
  }
}
