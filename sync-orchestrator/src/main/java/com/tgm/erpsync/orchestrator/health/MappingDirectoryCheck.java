package com.tgm.erpsync.orchestrator.health;

import com.tgm.erpsync.orchestrator.directory.MappingDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until erp.mappings has been read: until then no job knows what to sync. */
@Readiness
@ApplicationScoped
public class MappingDirectoryCheck implements HealthCheck {
  public static final String NAME = "erp-mappings directory";

  private final MappingDirectory directory;

  public MappingDirectoryCheck(MappingDirectory directory) {
    this.directory = directory;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named(NAME)
        .status(directory.isLoaded())
        .withData("mappings", directory.size())
        .build();
  }
}
