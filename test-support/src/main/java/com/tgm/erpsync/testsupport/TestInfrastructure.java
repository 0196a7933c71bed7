package com.tgm.erpsync.testsupport;

import java.util.logging.Logger;

/**
 * The Kafka and PostgreSQL every test in this JVM shares, started once on first use and stopped
 * when the JVM exits. External servers are used instead when {@code KAFKA_BOOTSTRAP_SERVERS} or
 * {@code TGM_DB_URL} (with {@code TGM_DB_USER} / {@code TGM_DB_PASSWORD}) are set, and container
 * images when the build runs with {@code -Pcontainers} (system property {@code tgm.test.infra}).
 */
public final class TestInfrastructure {
  private static final Logger LOG = Logger.getLogger(TestInfrastructure.class.getName());

  private static KafkaEndpoint kafka;
  private static PostgresEndpoint postgres;

  private TestInfrastructure() {}

  public static synchronized KafkaEndpoint kafka() {
    if (kafka == null) {
      String external = setting("KAFKA_BOOTSTRAP_SERVERS");
      if (external != null) {
        LOG.info("Tests use the external Kafka at " + external);
        kafka = new KafkaEndpoint(external);
      } else if (useContainers()) {
        kafka = (KafkaEndpoint) fromContainers("kafka");
      } else {
        EmbeddedKafka embedded = EmbeddedKafka.start();
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "embedded-kafka-stop"));
        kafka = embedded.endpoint();
      }
      kafka.createProductTopics();
    }
    return kafka;
  }

  public static synchronized PostgresEndpoint postgres() {
    if (postgres == null) {
      String external = setting("TGM_DB_URL");
      if (external != null) {
        LOG.info("Tests use the external PostgreSQL at " + external);
        postgres =
            PostgresEndpoint.fromJdbcUrl(
                external,
                orDefault(setting("TGM_DB_USER"), "postgres"),
                orDefault(setting("TGM_DB_PASSWORD"), "postgres"));
      } else if (useContainers()) {
        postgres = (PostgresEndpoint) fromContainers("postgres");
      } else {
        EmbeddedPostgresServer embedded = EmbeddedPostgresServer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "embedded-pg-stop"));
        postgres = embedded.endpoint();
      }
    }
    return postgres;
  }

  private static boolean useContainers() {
    return "containers".equals(System.getProperty("tgm.test.infra"));
  }

  /** By name: the containers code exists only in builds with the containers profile. */
  private static Object fromContainers(String server) {
    try {
      return Class.forName("com.tgm.erpsync.testsupport.containers.ContainerInfrastructure")
          .getMethod(server)
          .invoke(null);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "tgm.test.infra=containers needs the Maven profile -Pcontainers");
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("could not start the " + server + " container", e);
    }
  }

  static String setting(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      value = System.getProperty(name);
    }
    return value == null || value.isBlank() ? null : value;
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
