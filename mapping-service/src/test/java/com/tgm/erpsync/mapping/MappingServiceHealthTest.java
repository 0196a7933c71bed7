package com.tgm.erpsync.mapping;

import static com.tgm.erpsync.testsupport.HealthAssertions.assertLiveAndReadyWith;

import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
class MappingServiceHealthTest {

  @Test
  void isLiveAndReadyWithEveryDependencyProbed() {
    assertLiveAndReadyWith(
        "Database connections health check",
        "database schema migrated",
        "Kafka connection health check");
  }
}
