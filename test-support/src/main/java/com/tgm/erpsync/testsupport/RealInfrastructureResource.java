package com.tgm.erpsync.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Gives a {@code @QuarkusTest} real Kafka and real PostgreSQL. Each test class gets a database of
 * its own and a consumer group of its own, so classes do not see each other's rows or steal each
 * other's messages. Use {@code initArgs = @ResourceArg(name = "database", value = "false")} for a
 * service without a database.
 */
public class RealInfrastructureResource implements QuarkusTestResourceLifecycleManager {
  private boolean database = true;
  private String name = "test";

  @Override
  public void init(Map<String, String> initArgs) {
    database = !"false".equals(initArgs.get("database"));
    name = initArgs.getOrDefault("name", name);
  }

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>();
    KafkaEndpoint kafka = TestInfrastructure.kafka();
    config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    config.put("kafka.group.id", name + "-" + UUID.randomUUID());
    // the embedded broker logs through the application's log manager: keep test output readable
    config.put("quarkus.log.category.\"kafka\".level", "WARN");
    config.put("quarkus.log.category.\"org.apache.kafka\".level", "WARN");
    config.put("quarkus.log.category.\"state.change.logger\".level", "WARN");
    if (database) {
      PostgresEndpoint postgres = TestInfrastructure.postgres();
      config.put("quarkus.datasource.jdbc.url", postgres.createDatabase(name));
      config.put("quarkus.datasource.username", postgres.user());
      config.put("quarkus.datasource.password", postgres.password());
    }
    return config;
  }

  @Override
  public void stop() {
    // the servers are shared by every test class in this JVM; they stop when it exits
  }
}
