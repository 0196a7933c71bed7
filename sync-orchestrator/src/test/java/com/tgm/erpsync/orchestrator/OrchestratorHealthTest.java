package com.tgm.erpsync.orchestrator;

import static com.tgm.erpsync.testsupport.HealthAssertions.assertLiveAndReadyWith;

import com.tgm.erpsync.orchestrator.directory.ConnectionDirectory;
import com.tgm.erpsync.orchestrator.directory.MappingDirectory;
import com.tgm.erpsync.orchestrator.health.ConnectionDirectoryCheck;
import com.tgm.erpsync.orchestrator.health.MappingDirectoryCheck;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
class OrchestratorHealthTest {

  @Inject ConnectionDirectory connections;
  @Inject MappingDirectory mappings;

  @Test
  void isLiveAndReadyWithEveryDependencyProbed() throws Exception {
    connections.awaitLoaded(Duration.ofSeconds(30));
    mappings.awaitLoaded(Duration.ofSeconds(30));

    assertLiveAndReadyWith(
        "Database connections health check",
        "database schema migrated",
        "Kafka connection health check",
        ConnectionDirectoryCheck.NAME,
        MappingDirectoryCheck.NAME);
  }
}
