package com.tgm.erpsync.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.tgm.erpsync.contracts.TopicSpec;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TopicProbe;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionRequiredException;
import jakarta.transaction.TransactionalException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
class OutboxTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** Compacted with one partition, like the snapshot topics the services publish through it. */
  static final String TOPIC = "outbox.test.snapshots";

  @Inject Outbox outbox;
  @Inject AgroalDataSource dataSource;

  private final KafkaEndpoint kafka = TestInfrastructure.kafka();
  private TopicProbe published;

  @BeforeAll
  static void createTopic() {
    createTestTopic(TestInfrastructure.kafka());
  }

  static void createTestTopic(KafkaEndpoint kafka) {
    kafka.createTopics(List.of(new TopicSpec(TOPIC, 1, true, "any", "any")));
  }

  @BeforeEach
  void open() {
    published = TopicProbe.open(kafka, TOPIC);
  }

  @AfterEach
  void close() {
    published.close();
  }

  @Test
  void publishesARowAppendedInACommittedTransactionWithItsKeyAndValue() {
    String key = uniqueKey();

    QuarkusTransaction.requiringNew().run(() -> outbox.append(TOPIC, key, "{\"name\":\"SAP\"}"));

    ConsumerRecord<String, String> record = published.await(r -> key.equals(r.key()), WAIT);
    assertThat(record.value()).isEqualTo("{\"name\":\"SAP\"}");
  }

  @Test
  void publishesATombstoneAsANullValue() {
    String key = uniqueKey();

    QuarkusTransaction.requiringNew().run(() -> outbox.append(TOPIC, key, "{\"v\":1}"));
    QuarkusTransaction.requiringNew().run(() -> outbox.append(TOPIC, key, null));

    List<ConsumerRecord<String, String>> records =
        published.awaitCount(r -> key.equals(r.key()), 2, WAIT);
    assertThat(records).extracting(ConsumerRecord::value).containsExactly("{\"v\":1}", null);
  }

  @Test
  void neverPublishesARowWhoseTransactionRolledBack() {
    String rolledBack = uniqueKey();
    String marker = uniqueKey();

    assertThatThrownBy(
            () ->
                QuarkusTransaction.requiringNew()
                    .run(
                        () -> {
                          outbox.append(TOPIC, rolledBack, "{\"v\":\"rolled back\"}");
                          throw new IllegalStateException("the change failed");
                        }))
        .hasMessageContaining("the change failed");
    QuarkusTransaction.requiringNew().run(() -> outbox.append(TOPIC, marker, "{\"v\":\"marker\"}"));

    published.await(r -> marker.equals(r.key()), WAIT);
    assertThat(published.drain(r -> rolledBack.equals(r.key()), Duration.ofSeconds(2))).isEmpty();
  }

  @Test
  void publishesTwoHundredRowsOfOneKeyInTheOrderTheyWereAppended() {
    String key = uniqueKey();
    // one transaction each, while the relay runs: the rows span several relay batches
    for (int i = 0; i < 150; i++) {
      int n = i;
      QuarkusTransaction.requiringNew().run(() -> outbox.append(TOPIC, key, "{\"n\":" + n + "}"));
    }
    // and a burst in one transaction
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (int n = 150; n < 200; n++) {
                outbox.append(TOPIC, key, "{\"n\":" + n + "}");
              }
            });

    List<ConsumerRecord<String, String>> records =
        published.awaitCount(r -> key.equals(r.key()), 200, WAIT);
    assertThat(records)
        .extracting(ConsumerRecord::value)
        .containsExactlyElementsOf(
            IntStream.range(0, 200).mapToObj(n -> "{\"n\":" + n + "}").toList());
  }

  @Test
  void publishesEveryRowOfManyKeysEachKeyInOrder() {
    String prefix = uniqueKey();
    List<String> keys = IntStream.range(0, 20).mapToObj(k -> prefix + "-" + k).toList();

    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (int n = 0; n < 10; n++) {
                for (String key : keys) {
                  outbox.append(TOPIC, key, key + ":" + n);
                }
              }
            });

    List<ConsumerRecord<String, String>> records =
        published.awaitCount(r -> keys.contains(r.key()), 200, WAIT);
    Map<String, List<String>> byKey =
        records.stream()
            .collect(
                Collectors.groupingBy(
                    ConsumerRecord::key,
                    Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
    assertThat(byKey).hasSize(20);
    keys.forEach(
        key ->
            assertThat(byKey.get(key))
                .containsExactlyElementsOf(
                    IntStream.range(0, 10).mapToObj(n -> key + ":" + n).toList()));
  }

  @Test
  void publishesAKeysEventsInCommitOrderEvenWhenAnEarlierTransactionCommitsLater()
      throws Exception {
    String key = uniqueKey();
    CountDownLatch firstAppended = new CountDownLatch(1);

    CompletableFuture<Void> first =
        CompletableFuture.runAsync(
            () ->
                QuarkusTransaction.requiringNew()
                    .run(
                        () -> {
                          outbox.append(TOPIC, key, "first");
                          firstAppended.countDown();
                          sleep(Duration.ofMillis(700)); // the relay polls meanwhile
                        }));
    assertThat(firstAppended.await(10, TimeUnit.SECONDS)).isTrue();
    // waits for the first transaction's key lock, so its row gets the later id
    QuarkusTransaction.requiringNew().run(() -> outbox.append(TOPIC, key, "second"));
    first.get(10, TimeUnit.SECONDS);

    List<ConsumerRecord<String, String>> records =
        published.awaitCount(r -> key.equals(r.key()), 2, WAIT);
    assertThat(records).extracting(ConsumerRecord::value).containsExactly("first", "second");
  }

  @Test
  void refusesToAppendOutsideATransaction() {
    String key = uniqueKey();

    assertThatThrownBy(() -> outbox.append(TOPIC, key, "{}"))
        .isInstanceOf(TransactionalException.class)
        .hasCauseInstanceOf(TransactionRequiredException.class);

    assertThat(published.drain(r -> key.equals(r.key()), Duration.ofSeconds(1))).isEmpty();
  }

  @Test
  void leavesTheOutboxTableEmptyOnceEverythingIsRelayed() throws Exception {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      keys.add(uniqueKey());
    }
    QuarkusTransaction.requiringNew()
        .run(() -> keys.forEach(key -> outbox.append(TOPIC, key, "{\"v\":1}")));

    published.awaitCount(r -> keys.contains(r.key()), keys.size(), WAIT);
    // the rows are deleted in the relay's transaction, which commits after the broker's ack
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (pendingRows() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(pendingRows()).isZero();
  }

  @Test
  void reportsReadyWithThePendingCountAndTheOldestAge() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'erp outbox' }.status", is("UP"))
        .body("checks.find { it.name == 'erp outbox' }.data.keySet()", hasItem("pending"))
        .body("checks.find { it.name == 'erp outbox' }.data.keySet()", hasItem("oldestAgeMs"));
  }

  private long pendingRows() throws Exception {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT count(*) FROM outbox_event")) {
      result.next();
      return result.getLong(1);
    }
  }

  private static String uniqueKey() {
    return "outbox-test-" + UUID.randomUUID();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
