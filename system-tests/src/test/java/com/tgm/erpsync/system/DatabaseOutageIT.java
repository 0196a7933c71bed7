package com.tgm.erpsync.system;

import static org.awaitility.Awaitility.await;

import com.tgm.erpsync.testsupport.EmbeddedPostgresServer;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.RealInfrastructureExtension;
import com.tgm.erpsync.testsupport.ServiceProcess;
import com.tgm.erpsync.testsupport.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Readiness tells the truth about the database: DOWN while PostgreSQL is gone, UP when back. */
@ExtendWith(RealInfrastructureExtension.class)
class DatabaseOutageIT {

  @Test
  void readinessGoesDownWhenPostgresStopsAndUpWhenItReturns(KafkaEndpoint kafka) throws Exception {
    try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start()) {
      String url = postgres.endpoint().createDatabase("outage");
      TestDatabase database =
          new TestDatabase(url, EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
      try (ServiceProcess service =
          ServiceProcess.start("sync-orchestrator", CrossServiceMessagingIT.env(kafka, database))) {
        service.awaitReady(Duration.ofSeconds(90));

        postgres.stopServer();
        await("readiness DOWN without PostgreSQL")
            .atMost(Duration.ofSeconds(60))
            .until(() -> service.readinessStatus() == 503);

        postgres.startServer();
        await("readiness UP with PostgreSQL back")
            .atMost(Duration.ofSeconds(60))
            .until(() -> service.readinessStatus() == 200);
      }
    }
  }
}
