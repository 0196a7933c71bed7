package com.tgm.erpsync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tgm.erpsync.contracts.TopicSpec;
import com.tgm.erpsync.contracts.Topics;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealInfrastructureExtension.class)
class RealInfrastructureTest {

  @Test
  void brokerHasEveryProductTopicWithItsPartitionsAndPolicy(KafkaEndpoint kafka) throws Exception {
    try (Admin admin = kafka.admin()) {
      Map<String, TopicDescription> topics =
          admin
              .describeTopics(Topics.ALL.stream().map(TopicSpec::name).toList())
              .allTopicNames()
              .get(30, TimeUnit.SECONDS);
      for (TopicSpec spec : Topics.ALL) {
        assertThat(topics.get(spec.name()).partitions()).hasSize(spec.partitions());
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
        String policy =
            admin
                .describeConfigs(java.util.List.of(resource))
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(resource)
                .get("cleanup.policy")
                .value();
        assertThat(policy).as(spec.name()).isEqualTo(spec.compacted() ? "compact" : "delete");
      }
    }
  }

  @Test
  void aRecordSentIsSeenByAProbe(KafkaEndpoint kafka) {
    try (TopicProbe probe = TopicProbe.open(kafka, Topics.ERP_CHANGES);
        TestProducer producer = new TestProducer(kafka)) {
      producer.send(Topics.ERP_CHANGES, "7", "{\"hello\":1}");

      assertThat(probe.await(r -> "7".equals(r.key()), Duration.ofSeconds(30)).value())
          .isEqualTo("{\"hello\":1}");
    }
  }

  @Test
  void databaseIsReadyForLogicalDecoding(TestDatabase database) throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SHOW wal_level")) {
      result.next();
      assertThat(result.getString(1)).isEqualTo("logical");
    }
  }

  @Test
  void eachTestClassGetsItsOwnDatabase(TestDatabase database) {
    String other = TestInfrastructure.postgres().createDatabase(getClass().getSimpleName());
    assertThat(other).isNotEqualTo(database.jdbcUrl()).contains("realinfrastructuretest_");
  }

  @Test
  void aStoppedServerComesBackWithItsData() throws SQLException {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
      try (Connection connection = server.endpoint().connect("postgres");
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE kept (id int)");
        statement.execute("INSERT INTO kept VALUES (42)");
      }

      server.stopServer();
      assertThatThrownBy(() -> server.endpoint().connect("postgres").close())
          .isInstanceOf(SQLException.class);
      server.startServer();

      try (Connection connection = server.endpoint().connect("postgres");
          Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery("SELECT id FROM kept")) {
        result.next();
        assertThat(result.getInt(1)).isEqualTo(42);
      }
    }
  }
}
