package com.tgm.erpsync.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Kafka refusing the outbox's events (here: their topic does not exist yet, and the broker does not
 * create topics) must leave them in the outbox, flag the lag, and deliver them in order later.
 */
@QuarkusTest
@TestProfile(OutboxRelayRecoveryTest.ShortTimeouts.class)
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
class OutboxRelayRecoveryTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  public static class ShortTimeouts implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "tgm.outbox.send-timeout", "2s",
          "tgm.outbox.max-backoff", "1s",
          "tgm.outbox.max-lag", "1s");
    }
  }

  @Inject Outbox outbox;
  @Inject AgroalDataSource dataSource;

  private final KafkaEndpoint kafka = TestInfrastructure.kafka();

  @Test
  void keepsEventsKafkaRefusesAndDeliversThemInOrderOnceItAcceptsThem() throws Exception {
    String topic = "outbox-recovery-" + UUID.randomUUID();
    List<String> values = IntStream.range(0, 50).mapToObj(n -> "{\"n\":" + n + "}").toList();
    QuarkusTransaction.requiringNew()
        .run(() -> values.forEach(value -> outbox.append(topic, "connection-7", value)));

    // long enough for several relay attempts to fail (send timeout 2 s) and roll back
    awaitTrue(() -> outboxReportsNotReadyFor(6_000), "readiness DOWN for the lagging outbox");
    assertThat(pendingRows()).isEqualTo(values.size());

    try (Admin admin = kafka.admin()) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }

    List<ConsumerRecord<String, String>> records = readFromStart(topic, values.size());
    assertThat(records).extracting(ConsumerRecord::key).containsOnly("connection-7");
    assertThat(records).extracting(ConsumerRecord::value).containsExactlyElementsOf(values);
    awaitTrue(() -> pendingRows() == 0, "the outbox emptied");
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'erp outbox' }.status", is("UP"));
  }

  private boolean outboxReportsNotReadyFor(long ageMs) {
    JsonPath health = given().when().get("/q/health/ready").then().extract().jsonPath();
    return "DOWN".equals(health.getString("checks.find { it.name == 'erp outbox' }.status"))
        && health.getLong("checks.find { it.name == 'erp outbox' }.data.pending") == 50
        && health.getLong("checks.find { it.name == 'erp outbox' }.data.oldestAgeMs") > ageMs;
  }

  private List<ConsumerRecord<String, String>> readFromStart(String topic, int count) {
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<String, String>> seen = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (seen.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
      }
      // anything beyond the expected records would be a duplicate: give it a moment to show
      consumer.poll(Duration.ofSeconds(1)).forEach(seen::add);
    }
    return seen;
  }

  private long pendingRows() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT count(*) FROM outbox_event")) {
      result.next();
      return result.getLong(1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }
}
