package com.tgm.erpsync.connector.sap;

import static com.tgm.erpsync.testsupport.HealthAssertions.assertLiveAndReadyWith;

import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class,
    initArgs = @ResourceArg(name = "database", value = "false"))
class ConnectorSapHealthTest {

  @Test
  void isLiveAndReadyWithEveryDependencyProbed() {
    assertLiveAndReadyWith(
        "Kafka connection health check",
        "SmallRye Reactive Messaging - readiness check",
        "erp-connections table");
  }
}
