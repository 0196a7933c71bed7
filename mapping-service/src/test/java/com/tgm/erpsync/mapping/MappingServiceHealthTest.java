package com.tgm.erpsync.mapping;

import static com.tgm.erpsync.testsupport.HealthAssertions.assertLiveAndReadyWith;

import com.tgm.erpsync.mapping.messaging.ConnectionTable;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
class MappingServiceHealthTest {

  @Inject ConnectionTable table;

  @Test
  void isLiveAndReadyWithEveryDependencyProbed() throws Exception {
    table.awaitLoaded(Mappings.WAIT);

    assertLiveAndReadyWith(
        "Database connections health check",
        "database schema migrated",
        "Kafka connection health check",
        "erp-connections table",
        "erp outbox");
  }
}
