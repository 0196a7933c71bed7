package com.tgm.erpsync.testsupport.containers;

import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.PostgresEndpoint;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Kafka and PostgreSQL from container images, for hosts with Docker (Maven profile {@code
 * containers}). Loaded by name from TestInfrastructure, so the default build needs no
 * Testcontainers.
 */
public final class ContainerInfrastructure {
  private ContainerInfrastructure() {}

  public static KafkaEndpoint kafka() {
    KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");
    kafka.start();
    Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "kafka-container-stop"));
    return new KafkaEndpoint(kafka.getBootstrapServers());
  }

  public static PostgresEndpoint postgres() {
    PostgreSQLContainer<?> postgres =
        new PostgreSQLContainer<>("postgres:17")
            .withUsername("postgres")
            .withPassword("postgres")
            .withCommand("postgres", "-c", "wal_level=logical", "-c", "max_connections=300");
    postgres.start();
    Runtime.getRuntime().addShutdownHook(new Thread(postgres::stop, "postgres-container-stop"));
    return new PostgresEndpoint(
        postgres.getHost(), postgres.getMappedPort(5432), "postgres", "postgres");
  }
}
